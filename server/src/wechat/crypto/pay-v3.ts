/**
 * WeChat Pay APIv3 crypto, both sides:
 * - merchant: sign requests (Authorization header), verify notify signatures, decrypt the notify
 *   `resource` (AEAD_AES_256_GCM, tag checked — wechatpay-node-v3's decipher_gcm skips that);
 * - sandbox (plays WeChat Pay): encrypt a resource, sign a notify, verify a merchant request.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, KeyObject, randomBytes, sign, verify, X509Certificate } from 'node:crypto';
import { assertTimestamp, TimestampPolicy } from './callback-common';
import { WechatCryptoError } from './errors';

export const PAY_SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';
const TAG_LEN = 16;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

export type KeyInput = string | Buffer | KeyObject;

export interface PayResource {
  algorithm?: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string;
  original_type?: string;
}

function apiV3KeyBytes(key: string | Buffer): Buffer {
  const k = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (k.length !== 32) throw new WechatCryptoError('bad_key', 'APIv3 key must be 32 bytes');
  return k;
}

function base64Strict(s: unknown, what: string): Buffer {
  if (typeof s !== 'string' || s.length % 4 !== 0 || !BASE64_RE.test(s)) throw new WechatCryptoError('malformed', `${what} is not base64`);
  return Buffer.from(s, 'base64');
}

/** AEAD_AES_256_GCM decrypt of a notify / certificate `resource`; throws `bad_tag` when tampered. */
export function decryptPayResource(apiV3Key: string | Buffer, resource: PayResource): string {
  const key = apiV3KeyBytes(apiV3Key);
  if (resource === null || typeof resource !== 'object') throw new WechatCryptoError('malformed', 'resource missing');
  if (resource.algorithm !== undefined && resource.algorithm !== 'AEAD_AES_256_GCM') {
    throw new WechatCryptoError('malformed', `unsupported algorithm ${String(resource.algorithm)}`);
  }
  if (typeof resource.nonce !== 'string' || resource.nonce.length === 0) throw new WechatCryptoError('malformed', 'nonce missing');
  const aad = resource.associated_data ?? '';
  if (typeof aad !== 'string') throw new WechatCryptoError('malformed', 'associated_data must be a string');
  const data = base64Strict(resource.ciphertext, 'ciphertext');
  if (data.length < TAG_LEN) throw new WechatCryptoError('malformed', 'ciphertext shorter than the GCM tag');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'), { authTagLength: TAG_LEN });
    decipher.setAuthTag(data.subarray(data.length - TAG_LEN));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    // final() verifies the tag; never return update() output without it
    const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_LEN)), decipher.final()]);
    return plain.toString('utf8');
  } catch {
    throw new WechatCryptoError('bad_tag', 'GCM authentication failed');
  }
}

/** decryptPayResource + JSON.parse (transaction / refund objects). */
export function decryptPayResourceJson<T = Record<string, unknown>>(apiV3Key: string | Buffer, resource: PayResource): T {
  const text = decryptPayResource(apiV3Key, resource);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new WechatCryptoError('malformed', 'decrypted resource is not JSON');
  }
}

/** Sandbox side: encrypt a resource the way WeChat Pay does (12-char nonce by default). */
export function encryptPayResource(
  apiV3Key: string | Buffer,
  plaintext: string,
  opts: { nonce?: string; associatedData?: string; originalType?: string } = {},
): Required<Pick<PayResource, 'algorithm' | 'ciphertext' | 'nonce' | 'associated_data'>> & { original_type?: string } {
  const key = apiV3KeyBytes(apiV3Key);
  const nonce = opts.nonce ?? randomBytes(9).toString('base64url').slice(0, 12);
  const aad = opts.associatedData ?? '';
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'), { authTagLength: TAG_LEN });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const out: ReturnType<typeof encryptPayResource> = { algorithm: 'AEAD_AES_256_GCM', ciphertext: ct.toString('base64'), nonce, associated_data: aad };
  if (opts.originalType !== undefined) out.original_type = opts.originalType;
  return out;
}

// ---------- RSA signatures ----------

function toPrivateKey(k: KeyInput): KeyObject {
  try {
    return k instanceof KeyObject ? k : createPrivateKey(k);
  } catch {
    throw new WechatCryptoError('bad_key', 'invalid RSA private key');
  }
}

/** Accepts a public key PEM, an X.509 certificate PEM or a KeyObject. */
export function toPublicKey(k: KeyInput): KeyObject {
  try {
    if (k instanceof KeyObject) return k.type === 'private' ? createPublicKey(k) : k;
    const text = Buffer.isBuffer(k) ? k.toString('utf8') : k;
    return text.includes('BEGIN CERTIFICATE') ? new X509Certificate(text).publicKey : createPublicKey(text);
  } catch {
    throw new WechatCryptoError('bad_key', 'invalid RSA public key / certificate');
  }
}

export function rsaSign(privateKey: KeyInput, message: string | Buffer): string {
  return sign('sha256', typeof message === 'string' ? Buffer.from(message, 'utf8') : message, toPrivateKey(privateKey)).toString('base64');
}

export function rsaVerify(publicKey: KeyInput, message: string | Buffer, signatureB64: unknown): boolean {
  if (typeof signatureB64 !== 'string' || signatureB64.length === 0 || signatureB64.length % 4 !== 0 || !BASE64_RE.test(signatureB64)) return false;
  const key = toPublicKey(publicKey);
  try {
    return verify('sha256', typeof message === 'string' ? Buffer.from(message, 'utf8') : message, key, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/** `${timestamp}\n${nonce}\n${body}\n` over the raw bytes of the body. */
function notifyMessage(timestamp: string, nonce: string, body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body, Buffer.from('\n')]);
}

/** Platform keys by serial: a map (serial → PEM/cert/KeyObject) or a lookup function. */
export type PlatformKeys = Record<string, KeyInput> | ((serial: string) => KeyInput | undefined);

function findPlatformKey(keys: PlatformKeys, serial: string): KeyInput | undefined {
  if (typeof keys === 'function') return keys(serial);
  // serials are hex; some SDKs lowercase them (wechatpay-node-v3), so match case-insensitively
  const want = serial.toUpperCase();
  const hit = Object.keys(keys).find((s) => s.toUpperCase() === want);
  return hit === undefined ? undefined : keys[hit];
}

export type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key === undefined ? undefined : headers[key];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Verifies a notify (or API response) from WeChat Pay: Wechatpay-Signature over the RAW body
 * with the platform key named by Wechatpay-Serial; timestamp skew defaults to ±300 s.
 */
export function verifyPayNotify(args: { headers: HeaderBag; body: string | Buffer; platformKeys: PlatformKeys } & TimestampPolicy): void {
  const { headers, body } = args;
  const timestamp = header(headers, 'Wechatpay-Timestamp');
  const nonce = header(headers, 'Wechatpay-Nonce');
  const signature = header(headers, 'Wechatpay-Signature');
  const serial = header(headers, 'Wechatpay-Serial');
  const sigType = header(headers, 'Wechatpay-Signature-Type');
  if (!timestamp || !nonce || !signature || !serial) throw new WechatCryptoError('bad_signature', 'Wechatpay-* signature headers missing');
  if (sigType !== undefined && sigType !== PAY_SIGNATURE_TYPE) throw new WechatCryptoError('bad_signature', `unsupported signature type ${sigType}`);
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) throw new WechatCryptoError('malformed', 'pass the raw body (string or Buffer)');
  const key = findPlatformKey(args.platformKeys, serial);
  if (key === undefined) throw new WechatCryptoError('unknown_serial', `no platform key for serial ${serial}`);
  if (!rsaVerify(key, notifyMessage(timestamp, nonce, body), signature)) throw new WechatCryptoError('bad_signature', 'Wechatpay-Signature mismatch');
  assertTimestamp(timestamp, { nowSeconds: args.nowSeconds, maxSkewSeconds: args.maxSkewSeconds ?? 300 });
}

function freshNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** Sandbox side: the Wechatpay-* headers for a notify body, signed with the platform private key. */
export function signPayNotify(args: { privateKey: KeyInput; serial: string; body: string | Buffer; timestamp?: string; nonce?: string }): Record<string, string> {
  const timestamp = args.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = args.nonce ?? freshNonce();
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': rsaSign(args.privateKey, notifyMessage(timestamp, nonce, args.body)),
    'Wechatpay-Serial': args.serial,
    'Wechatpay-Signature-Type': PAY_SIGNATURE_TYPE,
  };
}

/** Canonical URL for signing: path + query, no scheme/host. */
function canonicalUrl(url: string): string {
  if (/^https?:\/\//i.test(url)) {
    const u = new URL(url);
    return u.pathname + u.search;
  }
  return url;
}

export interface PayRequestToSign {
  method: string;
  /** path with query (`/v3/pay/transactions/jsapi`), or a full URL (the host is dropped) */
  url: string;
  /** exact body sent; '' for GET */
  body?: string;
}

/** `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n` */
export function payRequestMessage(req: PayRequestToSign, timestamp: string, nonce: string): string {
  return `${req.method.toUpperCase()}\n${canonicalUrl(req.url)}\n${timestamp}\n${nonce}\n${req.body ?? ''}\n`;
}

/** Merchant side: the `Authorization: WECHATPAY2-SHA256-RSA2048 …` header value. */
export function buildPayAuthorization(
  args: PayRequestToSign & { mchid: string; serialNo: string; privateKey: KeyInput; timestamp?: string; nonce?: string },
): string {
  const timestamp = args.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = args.nonce ?? freshNonce();
  const signature = rsaSign(args.privateKey, payRequestMessage(args, timestamp, nonce));
  return `${PAY_SIGNATURE_TYPE} mchid="${args.mchid}",nonce_str="${nonce}",timestamp="${timestamp}",serial_no="${args.serialNo}",signature="${signature}"`;
}

export interface PayAuthorization {
  mchid: string;
  nonce_str: string;
  timestamp: string;
  serial_no: string;
  signature: string;
}

export function parsePayAuthorization(value: unknown): PayAuthorization {
  if (typeof value !== 'string' || !value.startsWith(`${PAY_SIGNATURE_TYPE} `)) throw new WechatCryptoError('bad_signature', 'not a WECHATPAY2-SHA256-RSA2048 Authorization');
  const fields: Record<string, string> = {};
  for (const m of value.slice(PAY_SIGNATURE_TYPE.length + 1).matchAll(/\s*([a-z_]+)="([^"]*)"\s*(?:,|$)/g)) fields[m[1]] = m[2];
  const names = ['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature'] as const;
  for (const n of names) if (!fields[n]) throw new WechatCryptoError('malformed', `Authorization lacks ${n}`);
  return { mchid: fields.mchid, nonce_str: fields.nonce_str, timestamp: fields.timestamp, serial_no: fields.serial_no, signature: fields.signature };
}

/** Sandbox side: verifies a merchant request against the merchant certificates (by serial_no). */
export function verifyPayAuthorization(args: PayRequestToSign & { authorization: unknown; merchantKeys: PlatformKeys } & TimestampPolicy): PayAuthorization {
  const auth = parsePayAuthorization(args.authorization);
  const key = findPlatformKey(args.merchantKeys, auth.serial_no);
  if (key === undefined) throw new WechatCryptoError('unknown_serial', `no merchant certificate for serial ${auth.serial_no}`);
  if (!rsaVerify(key, payRequestMessage(args, auth.timestamp, auth.nonce_str), auth.signature)) throw new WechatCryptoError('bad_signature', 'request signature mismatch');
  assertTimestamp(auth.timestamp, { nowSeconds: args.nowSeconds, maxSkewSeconds: args.maxSkewSeconds ?? 300 });
  return auth;
}

/** JSAPI / mini-program `paySign` over `appId\ntimeStamp\nnonceStr\npackage\n`. */
export function buildPaySign(args: { appId: string; timeStamp: string; nonceStr: string; package: string; privateKey: KeyInput }): string {
  return rsaSign(args.privateKey, `${args.appId}\n${args.timeStamp}\n${args.nonceStr}\n${args.package}\n`);
}
