import { createCipheriv, createDecipheriv } from 'node:crypto';
import V from './__fixtures__/wechat-vectors.json';
import { WechatCryptoError } from './errors';
import { computeSignature, decryptMessage, encryptMessage, parseEncodingAesKey, pkcs7Pad, signaturesEqual, WechatMessageCrypto } from './message-crypto';

const A = V['V-A'];
const B = V['V-B'];
const C = V['V-C'];
const G = V['V-G'];

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof WechatCryptoError) return e.reason;
    throw e;
  }
  return 'no error';
}

/** Encrypts an arbitrary (already padded) plaintext with the key, to build hostile inputs. */
function rawEncrypt(encodingAesKey: string, plain: Buffer): string {
  const { key, iv } = parseEncodingAesKey(encodingAesKey);
  const c = createCipheriv('aes-256-cbc', key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}

describe('message crypto — official vectors', () => {
  it('V-A WeCom POST: signature, plaintext, random, msgLen and receiveId are byte-exact', () => {
    expect(computeSignature(A.token, A.timestamp, A.nonce, A.encrypt)).toBe(A.msg_signature);
    const c = new WechatMessageCrypto({ token: A.token, encodingAesKey: A.encodingAESKey, receiveId: A.corpId });
    const d = c.verifyAndDecrypt(A.timestamp, A.nonce, A.msg_signature, A.encrypt);
    expect(d.message).toBe(A.expected_plaintext);
    expect(Buffer.byteLength(d.message)).toBe(A.expected_msg_len);
    expect(d.random.toString('latin1')).toBe(A.expected_random16);
    expect(d.receiveId).toBe(A.expected_receiveid);
    // re-encrypting with the same random reproduces the official ciphertext
    expect(c.encrypt(d.message, d.random)).toBe(A.encrypt);
  });

  it('V-B WeCom echostr decrypts to the official plaintext', () => {
    expect(computeSignature(B.token, B.timestamp, B.nonce, B.echostr)).toBe(B.msg_signature);
    const c = new WechatMessageCrypto({ token: B.token, encodingAesKey: B.encodingAESKey, receiveId: B.corpId });
    const d = c.verifyAndDecrypt(B.timestamp, B.nonce, B.msg_signature, B.echostr);
    expect(d.message).toBe(B.echostrPlain);
    expect(d.receiveId).toBe(B.expected_receiveid);
  });

  it('V-C OA deterministic encryption (fixed random) matches both official ciphertexts', () => {
    const c = new WechatMessageCrypto({ token: C.token, encodingAesKey: C.encodingAESKey, receiveId: C.appId });
    const rnd = Buffer.from(C.randomStr, 'utf8');
    expect(c.encrypt(C.replyMsg, rnd)).toBe(C.afterAesEncrypt);
    expect(c.encrypt(C.replyMsg2, rnd)).toBe(C.afterAesEncrypt2);
    expect(c.decrypt(C.afterAesEncrypt).message).toBe(C.replyMsg);
    expect(c.decrypt(C.afterAesEncrypt2).message).toBe(C.replyMsg2);
  });

  it('V-G aes + reply: decrypt, lengths, and deterministic reply ciphertext + signature', () => {
    const c = new WechatMessageCrypto({ token: G.token, encodingAesKey: G.encodingAESKey, receiveId: G.appId });
    const d = c.verifyAndDecrypt(G.aes.timestamp, G.aes.nonce, G.aes.msg_signature, G.aes.encrypt);
    expect(d.message).toBe(G.aes.plain);
    expect(d.random.toString('latin1')).toBe(G.aes.random);
    expect(Buffer.byteLength(d.message)).toBe(G.aes.msgLen);
    expect(Buffer.from(G.aes.encrypt, 'base64').length).toBe(G.aes.tmpLen);
    expect(20 + G.aes.msgLen + G.appId.length).toBe(G.aes.fullLen);
    const env = c.seal(G.reply.msg, { timestamp: G.reply.timestamp, nonce: G.reply.nonce, random: Buffer.from(G.reply.random) });
    expect(env.encrypt).toBe(G.reply.encrypt);
    expect(env.msgSignature).toBe(G.reply.msgSignature);
  });

  it('official vectors carry pads > 16, which Node auto-padding cannot handle', () => {
    const { key, iv } = parseEncodingAesKey(A.encodingAESKey);
    const d = createDecipheriv('aes-256-cbc', key, iv);
    expect(() => Buffer.concat([d.update(Buffer.from(A.encrypt, 'base64')), d.final()])).toThrow();
  });
});

describe('message crypto — validation and tampering', () => {
  const c = new WechatMessageCrypto({ token: A.token, encodingAesKey: A.encodingAESKey, receiveId: A.corpId });

  it('rejects bad EncodingAESKeys with bad_key', () => {
    for (const k of ['', 'short', `${A.encodingAESKey}=`, `${A.encodingAESKey.slice(0, 42)}!`, A.encodingAESKey.slice(0, 42)]) {
      expect(reasonOf(() => parseEncodingAesKey(k))).toBe('bad_key');
    }
  });

  it('signature: wrong token / tampered Encrypt / garbage → bad_signature; uppercase hex accepted', () => {
    expect(reasonOf(() => new WechatMessageCrypto({ token: 'nope', encodingAesKey: A.encodingAESKey, receiveId: A.corpId }).verifyAndDecrypt(A.timestamp, A.nonce, A.msg_signature, A.encrypt))).toBe('bad_signature');
    const flipped = (A.encrypt[0] === 'R' ? 'S' : 'R') + A.encrypt.slice(1);
    expect(reasonOf(() => c.verifyAndDecrypt(A.timestamp, A.nonce, A.msg_signature, flipped))).toBe('bad_signature');
    expect(reasonOf(() => c.verifyAndDecrypt(A.timestamp, A.nonce, undefined, A.encrypt))).toBe('bad_signature');
    expect(reasonOf(() => c.verifyAndDecrypt(undefined, A.nonce, A.msg_signature, A.encrypt))).toBe('bad_signature');
    expect(signaturesEqual(A.msg_signature, A.msg_signature.toUpperCase())).toBe(true);
    expect(signaturesEqual(A.msg_signature, `${A.msg_signature}0`)).toBe(false);
  });

  it('wrong appid / corpid → wrong_receiver; null skips the check', () => {
    const other = new WechatMessageCrypto({ token: A.token, encodingAesKey: A.encodingAESKey, receiveId: 'wx_other' });
    expect(reasonOf(() => other.decrypt(A.encrypt))).toBe('wrong_receiver');
    expect(other.decrypt(A.encrypt, null).receiveId).toBe(A.corpId);
  });

  it('flipped ciphertext bit, bad base64, truncation → typed errors', () => {
    const bytes = Buffer.from(A.encrypt, 'base64');
    for (let pos = 0; pos < bytes.length; pos += 7) {
      const b = Buffer.from(bytes);
      b[pos] ^= 0x01;
      const r = reasonOf(() => c.decrypt(b.toString('base64')));
      expect(['bad_padding', 'malformed', 'wrong_receiver', 'no error']).toContain(r);
    }
    expect(reasonOf(() => c.decrypt('not base64!'))).toBe('malformed');
    expect(reasonOf(() => c.decrypt('abc'))).toBe('malformed');
    expect(reasonOf(() => c.decrypt(''))).toBe('malformed');
    expect(reasonOf(() => c.decrypt(undefined))).toBe('malformed');
    expect(reasonOf(() => c.decrypt(bytes.subarray(0, bytes.length - 16).toString('base64')))).not.toBe('no error');
    expect(reasonOf(() => c.decrypt(bytes.subarray(0, 15).toString('base64')))).toBe('malformed');
  });

  it('pad byte 0 or 33 and inconsistent pads → bad_padding', () => {
    const body = Buffer.concat([Buffer.alloc(16, 1), Buffer.from([0, 0, 0, 2]), Buffer.from('hi'), Buffer.from(A.corpId)]);
    const fill = (last: number) => {
      const padded = Buffer.alloc(64, last);
      body.copy(padded);
      return rawEncrypt(A.encodingAESKey, padded);
    };
    expect(reasonOf(() => c.decrypt(fill(0)))).toBe('bad_padding');
    expect(reasonOf(() => c.decrypt(fill(33)))).toBe('bad_padding');
    const padded = pkcs7Pad(body);
    padded[padded.length - 2] ^= 0xff;
    expect(reasonOf(() => c.decrypt(rawEncrypt(A.encodingAESKey, padded)))).toBe('bad_padding');
  });

  it('msgLen beyond the plaintext, plaintext shorter than 20 bytes, invalid UTF-8 → malformed', () => {
    const tooLong = pkcs7Pad(Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 1, 0]), Buffer.from('x')]));
    expect(reasonOf(() => c.decrypt(rawEncrypt(A.encodingAESKey, tooLong)))).toBe('malformed');
    expect(reasonOf(() => c.decrypt(rawEncrypt(A.encodingAESKey, pkcs7Pad(Buffer.alloc(10)))))).toBe('malformed');
    const badUtf8 = pkcs7Pad(Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 0, 2]), Buffer.from([0xff, 0xfe]), Buffer.from(A.corpId)]));
    expect(reasonOf(() => c.decrypt(rawEncrypt(A.encodingAESKey, badUtf8)))).toBe('malformed');
  });

  it('round-trips every pad length 1..32 and non-ASCII text', () => {
    for (let n = 0; n < 70; n++) {
      const msg = '中'.repeat(n % 5) + 'x'.repeat(n);
      const enc = c.encrypt(msg);
      expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
      expect(c.decrypt(enc).message).toBe(msg);
    }
  });

  it('encryptMessage rejects a random prefix that is not 16 bytes', () => {
    expect(reasonOf(() => encryptMessage(parseEncodingAesKey(A.encodingAESKey), 'x', 'y', Buffer.alloc(3)))).toBe('malformed');
  });

  it('property: random and mutated ciphertexts only yield a result or a WechatCryptoError', () => {
    const aes = parseEncodingAesKey(A.encodingAESKey);
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const base = Buffer.from(A.encrypt, 'base64');
    let results = 0;
    for (let i = 0; i < 400; i++) {
      let input: string;
      const kind = i % 4;
      if (kind === 0) {
        const b = Buffer.from(base);
        for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) b[Math.floor(rnd() * b.length)] ^= 1 << Math.floor(rnd() * 8);
        input = b.toString('base64');
      } else if (kind === 1) {
        input = Buffer.from(Array.from({ length: 16 * (1 + Math.floor(rnd() * 20)) }, () => Math.floor(rnd() * 256))).toString('base64');
      } else if (kind === 2) {
        input = A.encrypt.slice(0, Math.floor(rnd() * A.encrypt.length));
      } else {
        input = Array.from({ length: Math.floor(rnd() * 80) }, () => String.fromCharCode(32 + Math.floor(rnd() * 95))).join('');
      }
      try {
        decryptMessage(aes, input, A.corpId);
        results++;
      } catch (e) {
        expect(e).toBeInstanceOf(WechatCryptoError);
      }
    }
    expect(results).toBeLessThan(400);
  });
});
