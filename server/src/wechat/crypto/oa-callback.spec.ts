import V from './__fixtures__/wechat-vectors.json';
import { checkTimestamp } from './callback-common';
import { WechatCryptoError } from './errors';
import { computeSignature, WechatMessageCrypto } from './message-crypto';
import { OaCallback } from './oa-callback';
import { buildTextReply, parseXml } from './xml';

const G = V['V-G'];
const C = V['V-C'];

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof WechatCryptoError) return e.reason;
    throw e;
  }
  return 'no error';
}

const TEXT_XML =
  '<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oUser1]]></FromUserName><CreateTime>1714112445</CreateTime>' +
  '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好 world]]></Content><MsgId>24500000000000000123</MsgId></xml>';

describe('OaCallback', () => {
  const oa = new OaCallback({ appId: C.appId, token: C.token, encodingAesKey: C.encodingAESKey });
  const sealer = new WechatMessageCrypto({ token: C.token, encodingAesKey: C.encodingAESKey, receiveId: C.appId });

  function safeQuery(encrypt: string, ts = '1714112445', nonce = '415670741') {
    return { signature: computeSignature(C.token, ts, nonce), timestamp: ts, nonce, openid: 'oUser1', encrypt_type: 'aes', msg_signature: computeSignature(C.token, ts, nonce, encrypt) };
  }

  it('GET verification (V-G get) returns echostr verbatim; a wrong signature fails', () => {
    const g = new OaCallback({ appId: G.appId, token: G.token });
    expect(g.verifyGet({ signature: G.get.signature, timestamp: G.get.timestamp, nonce: G.get.nonce, echostr: G.get.echostr })).toBe(G.get.echostr);
    expect(reasonOf(() => g.verifyGet({ signature: G.get.signature, timestamp: G.get.timestamp, nonce: '1', echostr: G.get.echostr }))).toBe('bad_signature');
    expect(reasonOf(() => g.verifyGet({ signature: [G.get.signature], timestamp: G.get.timestamp, nonce: G.get.nonce, echostr: 'x' }))).toBe('bad_signature');
    expect(reasonOf(() => g.verifyGet({ signature: G.get.signature, timestamp: G.get.timestamp, nonce: G.get.nonce }))).toBe('malformed');
  });

  it('plain POST (V-G plainPost signature) returns the fields', () => {
    const g = new OaCallback({ appId: G.appId, token: G.token });
    const q = { signature: G.plainPost.signature, timestamp: G.plainPost.timestamp, nonce: G.plainPost.nonce, openid: 'oUser1' };
    const r = g.parsePost(q, Buffer.from(TEXT_XML));
    expect(r).toMatchObject({ mode: 'plain', encrypted: false });
    expect(r.fields.MsgId).toBe('24500000000000000123');
    expect(r.fields.Content).toBe('你好 world');
    expect(reasonOf(() => g.parsePost({ ...q, signature: '0'.repeat(40) }, TEXT_XML))).toBe('bad_signature');
    expect(reasonOf(() => g.parsePost(q, TEXT_XML, { requireEncrypted: true }))).toBe('bad_signature');
  });

  it('safe mode: msg_signature over Encrypt, decrypt, appid check', () => {
    const enc = sealer.encrypt(TEXT_XML);
    const body = `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
    const r = oa.parsePost(safeQuery(enc), body);
    expect(r.mode).toBe('safe');
    expect(r.encrypted).toBe(true);
    expect(r.xml).toBe(TEXT_XML);
    expect(r.fields.FromUserName).toBe('oUser1');
    // `signature` alone is not enough in safe mode
    expect(reasonOf(() => oa.parsePost({ ...safeQuery(enc), msg_signature: undefined }, body))).toBe('bad_signature');
    // a message sealed for another appid is refused even with a valid signature
    const otherEnc = new WechatMessageCrypto({ token: C.token, encodingAesKey: C.encodingAESKey, receiveId: 'wxOTHER' }).encrypt(TEXT_XML);
    expect(reasonOf(() => oa.parsePost(safeQuery(otherEnc), body.replace(enc, otherEnc)))).toBe('wrong_receiver');
    // bad base64 with a matching signature → malformed
    expect(reasonOf(() => oa.parsePost(safeQuery('@@@@'), body.replace(enc, '@@@@')))).toBe('malformed');
    expect(reasonOf(() => oa.parsePost(safeQuery(enc), '<xml><ToUserName>x</ToUserName></xml>'))).toBe('malformed');
    expect(reasonOf(() => oa.parsePost({ ...safeQuery(enc), encrypt_type: 'des' }, body))).toBe('malformed');
  });

  it('compat mode: plaintext fields plus Encrypt; decrypted fields win', () => {
    const enc = sealer.encrypt(TEXT_XML);
    const body = TEXT_XML.replace('<Content><![CDATA[你好 world]]></Content>', '<Content><![CDATA[forged]]></Content>').replace('</xml>', `<Encrypt><![CDATA[${enc}]]></Encrypt></xml>`);
    const r = oa.parsePost(safeQuery(enc), body);
    expect(r.mode).toBe('compat');
    expect(r.fields.Content).toBe('你好 world');
  });

  it('encryptReply produces an envelope the receiving side can verify and decrypt', () => {
    const reply = buildTextReply({ toUser: 'oUser1', fromUser: 'gh_7f083739789a', createTime: 1 }, 'pong');
    const env = parseXml(oa.encryptReply(reply, { timestamp: '1700000000', nonce: '12345' }));
    expect(env.TimeStamp).toBe('1700000000');
    expect(env.MsgSignature).toBe(computeSignature(C.token, env.TimeStamp, env.Nonce, env.Encrypt));
    expect(sealer.decrypt(env.Encrypt).message).toBe(reply);
    // V-C: the OA deterministic vector through the same path
    const det = parseXml(oa.encryptReply(C.replyMsg, { timestamp: '1', nonce: '2', random: Buffer.from(C.randomStr) }));
    expect(det.Encrypt).toBe(C.afterAesEncrypt);
    expect(reasonOf(() => new OaCallback({ appId: 'a', token: 't' }).encryptReply('x'))).toBe('bad_key');
  });

  it('timestamp skew: checkTimestamp and the maxSkewSeconds option', () => {
    expect(checkTimestamp('1000', 1100, 0)).toBe(true);
    expect(checkTimestamp('1000', 1100, 100)).toBe(true);
    expect(checkTimestamp('1000', 1101, 100)).toBe(false);
    expect(checkTimestamp('abc', 1000, 100)).toBe(false);
    const enc = sealer.encrypt(TEXT_XML);
    const body = `<xml><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
    expect(reasonOf(() => oa.parsePost(safeQuery(enc), body, { nowSeconds: 1714112445 + 301, maxSkewSeconds: 300 }))).toBe('stale_timestamp');
    expect(oa.parsePost(safeQuery(enc), body, { nowSeconds: 1714112445 + 299, maxSkewSeconds: 300 }).mode).toBe('safe');
  });

  it('property: mutated bodies and queries only yield a message or a WechatCryptoError', () => {
    const enc = sealer.encrypt(TEXT_XML);
    const body = `<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
    let seed = 99;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 300; i++) {
      const chars = body.split('');
      chars[Math.floor(rnd() * chars.length)] = String.fromCharCode(32 + Math.floor(rnd() * 95));
      const q: Record<string, unknown> = { ...safeQuery(enc) };
      if (i % 3 === 0) q.timestamp = String(Math.floor(rnd() * 1e10));
      if (i % 7 === 0) q.encrypt_type = undefined;
      try {
        oa.parsePost(q, i % 11 === 0 ? Buffer.from([0xff, 0xfe, 0x3c]) : chars.join(''));
      } catch (e) {
        expect(e).toBeInstanceOf(WechatCryptoError);
      }
    }
  });
});
