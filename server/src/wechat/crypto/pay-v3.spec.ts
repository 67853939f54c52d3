import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import V from './__fixtures__/wechat-vectors.json';
import { WechatCryptoError } from './errors';
import {
  buildPayAuthorization,
  buildPaySign,
  decryptPayResource,
  decryptPayResourceJson,
  encryptPayResource,
  parsePayAuthorization,
  payRequestMessage,
  rsaVerify,
  signPayNotify,
  verifyPayAuthorization,
  verifyPayNotify,
} from './pay-v3';

const K = V['V-K'];
const K2 = V['V-K2'];

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof WechatCryptoError) return e.reason;
    throw e;
  }
  return 'no error';
}

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

describe('pay v3 AEAD_AES_256_GCM', () => {
  it('V-K K1 transaction resource decrypts byte-exact', () => {
    const plain = decryptPayResource(K.key, { algorithm: 'AEAD_AES_256_GCM', ciphertext: K.ciphertext, nonce: K.nonce, associated_data: K.aad });
    expect(plain).toBe(K.plaintext);
    expect(decryptPayResourceJson<{ trade_state: string }>(K.key, { ciphertext: K.ciphertext, nonce: K.nonce, associated_data: K.aad }).trade_state).toBe('SUCCESS');
    expect(encryptPayResource(K.key, K.plaintext, { nonce: K.nonce, associatedData: K.aad }).ciphertext).toBe(K.ciphertext);
  });

  it('V-K K2 cases (16-byte IV, empty plaintext/aad) both ways', () => {
    for (const c of K2.cases) {
      expect(decryptPayResource(K2.key, { ciphertext: c.ciphertext, nonce: K2.iv, associated_data: c.aad })).toBe(c.plaintext);
      expect(encryptPayResource(K2.key, c.plaintext, { nonce: K2.iv, associatedData: c.aad }).ciphertext).toBe(c.ciphertext);
    }
  });

  it('tampered tag, ciphertext, aad, nonce or key → bad_tag; structural problems → malformed / bad_key', () => {
    const buf = Buffer.from(K.ciphertext, 'base64');
    const flip = (i: number) => {
      const b = Buffer.from(buf);
      b[i] ^= 1;
      return b.toString('base64');
    };
    const r = { ciphertext: K.ciphertext, nonce: K.nonce, associated_data: K.aad };
    expect(reasonOf(() => decryptPayResource(K.key, { ...r, ciphertext: flip(buf.length - 1) }))).toBe('bad_tag');
    expect(reasonOf(() => decryptPayResource(K.key, { ...r, ciphertext: flip(0) }))).toBe('bad_tag');
    expect(reasonOf(() => decryptPayResource(K.key, { ...r, associated_data: 'refund' }))).toBe('bad_tag');
    expect(reasonOf(() => decryptPayResource(K.key, { ...r, associated_data: undefined }))).toBe('bad_tag');
    expect(reasonOf(() => decryptPayResource(K.key, { ...r, nonce: 'katvtHDDPxkX' }))).toBe('bad_tag');
    expect(reasonOf(() => decryptPayResource('5YI2YwEdV56hCsNEoOGEeL17vRFcz3i7', r))).toBe('bad_tag');
    expect(reasonOf(() => decryptPayResource('short', r))).toBe('bad_key');
    expect(reasonOf(() => decryptPayResource(K.key, { ...r, ciphertext: 'AAAA' }))).toBe('malformed');
    expect(reasonOf(() => decryptPayResource(K.key, { ...r, ciphertext: '%%%' }))).toBe('malformed');
    expect(reasonOf(() => decryptPayResource(K.key, { ...r, nonce: '' }))).toBe('malformed');
    expect(reasonOf(() => decryptPayResource(K.key, { ...r, algorithm: 'AES_CBC' }))).toBe('malformed');
    expect(reasonOf(() => decryptPayResource(K.key, null as never))).toBe('malformed');
  });

  it('property: mutated resources only yield plaintext or a WechatCryptoError', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 300; i++) {
      const s = K2.cases[1].ciphertext.split('');
      s[Math.floor(rnd() * s.length)] = 'ABCxyz019+/='[Math.floor(rnd() * 12)];
      try {
        decryptPayResource(K2.key, { ciphertext: i % 4 === 0 ? s.slice(0, Math.floor(rnd() * s.length)).join('') : s.join(''), nonce: K2.iv, associated_data: 'world' });
      } catch (e) {
        expect(e).toBeInstanceOf(WechatCryptoError);
      }
    }
  });
});

describe('pay v3 RSA signatures', () => {
  const platform = rsa();
  const other = rsa();
  const merchant = rsa();
  const body = JSON.stringify({ id: 'EV-1', event_type: 'TRANSACTION.SUCCESS', resource: encryptPayResource(K.key, K.plaintext, { associatedData: 'transaction' }) });
  const now = 1700000000;

  it('sandbox-signed notify verifies with the platform key matching Wechatpay-Serial (case-insensitive)', () => {
    const headers = signPayNotify({ privateKey: platform.privateKey, serial: '5157F09EFDC096DE15EBE81A47057A72', body, timestamp: String(now), nonce: 'n' });
    const platformKeys = { '5157f09efdc096de15ebe81a47057a72': platform.publicKey, OTHER: other.publicKey };
    expect(() => verifyPayNotify({ headers, body, platformKeys, nowSeconds: now })).not.toThrow();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(() => verifyPayNotify({ headers: lower, body: Buffer.from(body), platformKeys, nowSeconds: now + 10 })).not.toThrow();
    const parsed = JSON.parse(body) as { resource: { ciphertext: string; nonce: string; associated_data: string } };
    expect(decryptPayResource(K.key, parsed.resource)).toBe(K.plaintext);
  });

  it('tampered body, wrong serial, wrong key, probe signature, stale timestamp all fail', () => {
    const headers = signPayNotify({ privateKey: platform.privateKey, serial: 'SERIAL1', body, timestamp: String(now), nonce: 'n' });
    const keys = { SERIAL1: platform.publicKey, SERIAL2: other.publicKey };
    expect(reasonOf(() => verifyPayNotify({ headers, body: body.replace('EV-1', 'EV-2'), platformKeys: keys, nowSeconds: now }))).toBe('bad_signature');
    expect(reasonOf(() => verifyPayNotify({ headers: { ...headers, 'Wechatpay-Serial': 'SERIAL2' }, body, platformKeys: keys, nowSeconds: now }))).toBe('bad_signature');
    expect(reasonOf(() => verifyPayNotify({ headers: { ...headers, 'Wechatpay-Serial': 'NOPE' }, body, platformKeys: keys, nowSeconds: now }))).toBe('unknown_serial');
    expect(reasonOf(() => verifyPayNotify({ headers: { ...headers, 'Wechatpay-Signature': 'WECHATPAY/SIGNTEST/abc' }, body, platformKeys: keys, nowSeconds: now }))).toBe('bad_signature');
    expect(reasonOf(() => verifyPayNotify({ headers: { ...headers, 'Wechatpay-Signature': 'AAAA' }, body, platformKeys: keys, nowSeconds: now }))).toBe('bad_signature');
    expect(reasonOf(() => verifyPayNotify({ headers: { ...headers, 'Wechatpay-Signature-Type': 'X' }, body, platformKeys: keys, nowSeconds: now }))).toBe('bad_signature');
    expect(reasonOf(() => verifyPayNotify({ headers: {}, body, platformKeys: keys }))).toBe('bad_signature');
    expect(reasonOf(() => verifyPayNotify({ headers, body, platformKeys: keys, nowSeconds: now + 301 }))).toBe('stale_timestamp');
    expect(reasonOf(() => verifyPayNotify({ headers, body, platformKeys: keys, nowSeconds: now + 10_000, maxSkewSeconds: 0 }))).toBe('no error');
    expect(reasonOf(() => verifyPayNotify({ headers, body, platformKeys: { SERIAL1: 'not a key' }, nowSeconds: now }))).toBe('bad_key');
  });

  it('accepts an X.509 platform certificate PEM', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paycert-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=test'], { stdio: 'ignore' });
      const cert = readFileSync(join(dir, 'c.pem'), 'utf8');
      const key = readFileSync(join(dir, 'k.pem'), 'utf8');
      const headers = signPayNotify({ privateKey: key, serial: 'S', body, timestamp: String(now), nonce: 'n' });
      expect(() => verifyPayNotify({ headers, body, platformKeys: () => cert, nowSeconds: now })).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('request Authorization: build, parse and verify (sandbox side); tampering fails', () => {
    const req = { method: 'post', url: 'https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi?x=1', body: '{"a":1}' };
    const auth = buildPayAuthorization({ ...req, mchid: '1230000109', serialNo: 'ABC123', privateKey: merchant.privateKey, timestamp: String(now), nonce: 'NONCE' });
    expect(auth).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1230000109",nonce_str="NONCE",timestamp="1700000000",serial_no="ABC123",signature="[A-Za-z0-9+/=]+"$/);
    const p = parsePayAuthorization(auth);
    expect(payRequestMessage(req, p.timestamp, p.nonce_str)).toBe('POST\n/v3/pay/transactions/jsapi?x=1\n1700000000\nNONCE\n{"a":1}\n');
    expect(rsaVerify(merchant.publicKey, payRequestMessage(req, p.timestamp, p.nonce_str), p.signature)).toBe(true);
    const merchantKeys = { abc123: merchant.publicKey };
    expect(verifyPayAuthorization({ ...req, url: '/v3/pay/transactions/jsapi?x=1', authorization: auth, merchantKeys, nowSeconds: now }).mchid).toBe('1230000109');
    expect(reasonOf(() => verifyPayAuthorization({ ...req, body: '{"a":2}', authorization: auth, merchantKeys, nowSeconds: now }))).toBe('bad_signature');
    expect(reasonOf(() => verifyPayAuthorization({ ...req, authorization: auth, merchantKeys: { other: merchant.publicKey }, nowSeconds: now }))).toBe('unknown_serial');
    expect(reasonOf(() => verifyPayAuthorization({ ...req, authorization: 'Bearer x', merchantKeys, nowSeconds: now }))).toBe('bad_signature');
    expect(reasonOf(() => parsePayAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1"'))).toBe('malformed');
  });

  it('paySign is SHA256withRSA over appId/timeStamp/nonceStr/package', () => {
    const sig = buildPaySign({ appId: 'wxd678efh567hg6787', timeStamp: '1700000000', nonceStr: 'abc', package: 'prepay_id=wx1', privateKey: merchant.privateKey });
    expect(rsaVerify(merchant.publicKey, 'wxd678efh567hg6787\n1700000000\nabc\nprepay_id=wx1\n', sig)).toBe(true);
  });
});
