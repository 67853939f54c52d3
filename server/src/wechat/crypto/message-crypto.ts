/**
 * WeChat message encryption ("安全模式"), shared by OA, WeCom, mini-program push and open platform.
 *
 *   AESKey = base64(EncodingAESKey + '=')  (32 bytes), IV = AESKey[0..16)
 *   FullStr = random(16) ‖ msgLen(4, BE) ‖ msg(UTF-8) ‖ receiveId
 *   Encrypt = base64(AES-256-CBC(PKCS#7-pad-to-32(FullStr)))
 *   msg_signature = sha1(sort([token, timestamp, nonce, Encrypt]).join(''))
 *
 * Implemented on Node's crypto rather than @wecom/crypto: that package (1.0.1) silently ignores
 * invalid padding, does not bound-check msgLen, compares nothing in constant time and throws
 * plain Errors; wrapping it would have meant re-checking everything it does.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { WechatCryptoError } from './errors';

/** WeChat pads to a multiple of 32 bytes, not the AES block size: Node's auto padding rejects pads 17..32. */
const PAD_BLOCK = 32;
const RANDOM_LEN = 16;
/** Generous bound on the base64 we are willing to decrypt (WeChat messages are a few KB). */
export const MAX_ENCRYPT_LENGTH = 2 * 1024 * 1024;

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
const AES_KEY_RE = /^[A-Za-z0-9+/]{43}$/;
const SIGNATURE_RE = /^[0-9a-fA-F]{40}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface AesKeyMaterial {
  key: Buffer;
  iv: Buffer;
}

/** Validates a 43-char EncodingAESKey and derives the AES key and IV. */
export function parseEncodingAesKey(encodingAesKey: string): AesKeyMaterial {
  if (typeof encodingAesKey !== 'string' || !AES_KEY_RE.test(encodingAesKey)) {
    throw new WechatCryptoError('bad_key', 'EncodingAESKey must be 43 base64 characters');
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WechatCryptoError('bad_key', 'EncodingAESKey does not decode to 32 bytes');
  return { key, iv: key.subarray(0, 16) };
}

/** hex(sha1(sort(parts).join(''))) — used with 3 parts (plain GET/POST) or 4 (with Encrypt/echostr). */
export function computeSignature(token: string, timestamp: string, nonce: string, encrypt?: string): string {
  const parts = encrypt === undefined ? [token, timestamp, nonce] : [token, timestamp, nonce, encrypt];
  return createHash('sha1').update(parts.map(String).sort().join(''), 'utf8').digest('hex');
}

/** Constant-time comparison of two hex sha1 signatures (case-insensitive hex). */
export function signaturesEqual(expected: string, actual: unknown): boolean {
  if (typeof actual !== 'string' || !SIGNATURE_RE.test(actual) || !SIGNATURE_RE.test(expected)) return false;
  return timingSafeEqual(Buffer.from(expected.toLowerCase(), 'ascii'), Buffer.from(actual.toLowerCase(), 'ascii'));
}

/** Throws bad_signature unless `signature` matches sha1 over token/timestamp/nonce[/encrypt]. */
export function verifySignature(
  token: string,
  timestamp: unknown,
  nonce: unknown,
  signature: unknown,
  encrypt?: string,
): void {
  if (typeof timestamp !== 'string' || typeof nonce !== 'string') {
    throw new WechatCryptoError('bad_signature', 'timestamp and nonce are required');
  }
  if (!signaturesEqual(computeSignature(token, timestamp, nonce, encrypt), signature)) {
    throw new WechatCryptoError('bad_signature', 'signature mismatch');
  }
}

export function pkcs7Pad(data: Buffer): Buffer {
  const pad = PAD_BLOCK - (data.length % PAD_BLOCK);
  return Buffer.concat([data, Buffer.alloc(pad, pad)]);
}

export function pkcs7Unpad(data: Buffer): Buffer {
  const pad = data.length > 0 ? data[data.length - 1] : 0;
  if (pad < 1 || pad > PAD_BLOCK || pad > data.length) {
    throw new WechatCryptoError('bad_padding', `invalid PKCS#7 pad byte ${pad}`);
  }
  let diff = 0;
  for (let i = data.length - pad; i < data.length; i++) diff |= data[i] ^ pad;
  if (diff !== 0) throw new WechatCryptoError('bad_padding', 'inconsistent PKCS#7 padding');
  return data.subarray(0, data.length - pad);
}

export interface DecryptedMessage {
  /** the message text (XML, JSON or echostr plaintext) */
  message: string;
  /** appid / corpid / suite_id found after the message */
  receiveId: string;
  /** the 16 random leading bytes */
  random: Buffer;
}

function decodeBase64Strict(b64: unknown): Buffer {
  if (typeof b64 !== 'string' || b64.length === 0) throw new WechatCryptoError('malformed', 'ciphertext missing');
  if (b64.length > MAX_ENCRYPT_LENGTH) throw new WechatCryptoError('too_large', 'ciphertext too large');
  if (b64.length % 4 !== 0 || !BASE64_RE.test(b64)) throw new WechatCryptoError('malformed', 'ciphertext is not base64');
  return Buffer.from(b64, 'base64');
}

/**
 * Decrypts an Encrypt / echostr value. `expectedReceiveId` must equal the embedded receiveId;
 * pass null only where the caller deliberately accepts any (and checks `receiveId` itself).
 */
export function decryptMessage(aes: AesKeyMaterial, encrypt: unknown, expectedReceiveId: string | null): DecryptedMessage {
  const cipherBytes = decodeBase64Strict(encrypt);
  if (cipherBytes.length === 0 || cipherBytes.length % 16 !== 0) {
    throw new WechatCryptoError('malformed', `ciphertext length ${cipherBytes.length} is not a positive multiple of 16`);
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', aes.key, aes.iv);
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(cipherBytes), decipher.final()]);
  } catch {
    throw new WechatCryptoError('malformed', 'AES decryption failed');
  }
  const full = pkcs7Unpad(plain);
  if (full.length < RANDOM_LEN + 4) throw new WechatCryptoError('malformed', 'plaintext too short');
  const msgLen = full.readUInt32BE(RANDOM_LEN);
  const msgEnd = RANDOM_LEN + 4 + msgLen;
  if (msgEnd > full.length) throw new WechatCryptoError('malformed', `msg length ${msgLen} exceeds plaintext`);
  let message: string;
  let receiveId: string;
  try {
    message = utf8.decode(full.subarray(RANDOM_LEN + 4, msgEnd));
    receiveId = utf8.decode(full.subarray(msgEnd));
  } catch {
    throw new WechatCryptoError('malformed', 'plaintext is not valid UTF-8');
  }
  if (expectedReceiveId !== null && receiveId !== expectedReceiveId) {
    throw new WechatCryptoError('wrong_receiver', 'receiveId does not match this account');
  }
  return { message, receiveId, random: Buffer.from(full.subarray(0, RANDOM_LEN)) };
}

/** Encrypts `message` for `receiveId`. `random` (16 bytes) is injectable for deterministic tests. */
export function encryptMessage(aes: AesKeyMaterial, message: string, receiveId: string, random?: Buffer): string {
  const rnd = random ?? randomBytes(RANDOM_LEN);
  if (rnd.length !== RANDOM_LEN) throw new WechatCryptoError('malformed', 'random prefix must be 16 bytes');
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length, 0);
  const padded = pkcs7Pad(Buffer.concat([rnd, len, msg, Buffer.from(receiveId, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', aes.key, aes.iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export interface MessageCryptoOptions {
  token: string;
  encodingAesKey: string;
  /** appid (OA, mini-program) or corpid / suite_id (WeCom) */
  receiveId: string;
  /** random source for the 16-byte prefix and reply nonces (tests inject a fixed one) */
  randomBytes?: (size: number) => Buffer;
}

export interface EncryptedEnvelope {
  encrypt: string;
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

/** One account's token + key + receiveId bundled; what the callback handlers use. */
export class WechatMessageCrypto {
  readonly token: string;
  readonly receiveId: string;
  private readonly aes: AesKeyMaterial;
  private readonly rand: (size: number) => Buffer;

  constructor(opts: MessageCryptoOptions) {
    if (typeof opts.token !== 'string' || opts.token.length === 0) throw new WechatCryptoError('bad_key', 'token is required');
    this.token = opts.token;
    this.receiveId = opts.receiveId;
    this.aes = parseEncodingAesKey(opts.encodingAesKey);
    this.rand = opts.randomBytes ?? randomBytes;
  }

  signature(timestamp: string, nonce: string, encrypt?: string): string {
    return computeSignature(this.token, timestamp, nonce, encrypt);
  }

  verify(timestamp: unknown, nonce: unknown, signature: unknown, encrypt?: string): void {
    verifySignature(this.token, timestamp, nonce, signature, encrypt);
  }

  /** Verifies msg_signature over `encrypt`, then decrypts and checks the receiveId. */
  verifyAndDecrypt(timestamp: unknown, nonce: unknown, msgSignature: unknown, encrypt: unknown): DecryptedMessage {
    if (typeof encrypt !== 'string' || encrypt.length === 0) throw new WechatCryptoError('malformed', 'Encrypt missing');
    this.verify(timestamp, nonce, msgSignature, encrypt);
    return this.decrypt(encrypt);
  }

  decrypt(encrypt: unknown, expectedReceiveId: string | null = this.receiveId): DecryptedMessage {
    return decryptMessage(this.aes, encrypt, expectedReceiveId);
  }

  encrypt(message: string, random?: Buffer): string {
    return encryptMessage(this.aes, message, this.receiveId, random ?? this.rand(RANDOM_LEN));
  }

  /** Encrypts and signs a passive reply; timestamp/nonce default to now / a random digit string. */
  seal(message: string, opts: { timestamp?: string; nonce?: string; random?: Buffer } = {}): EncryptedEnvelope {
    const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonce = opts.nonce ?? String(this.rand(4).readUInt32BE(0));
    const encrypt = this.encrypt(message, opts.random);
    return { encrypt, msgSignature: this.signature(timestamp, nonce, encrypt), timestamp, nonce };
  }
}
