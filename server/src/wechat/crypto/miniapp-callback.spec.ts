import V from './__fixtures__/wechat-vectors.json';
import { parseJsonObject } from './callback-common';
import { WechatCryptoError } from './errors';
import { computeSignature } from './message-crypto';
import { MiniappCallback } from './miniapp-callback';
import { parseXml } from './xml';

const G = V['V-G'];
const PLAIN_JSON = '{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714037059,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}';

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof WechatCryptoError) return e.reason;
    throw e;
  }
  return 'no error';
}

describe('MiniappCallback (V-G)', () => {
  const mp = new MiniappCallback({ appId: G.appId, token: G.token, encodingAesKey: G.encodingAESKey });

  it('GET returns echostr verbatim', () => {
    expect(mp.verifyGet({ signature: G.get.signature, timestamp: G.get.timestamp, nonce: G.get.nonce, echostr: G.get.echostr })).toBe('4375120948345356249');
  });

  it('plain JSON POST', () => {
    const r = mp.parsePost({ signature: G.plainPost.signature, timestamp: G.plainPost.timestamp, nonce: G.plainPost.nonce }, PLAIN_JSON);
    expect(r).toMatchObject({ format: 'json', mode: 'plain', encrypted: false });
    expect(r.fields).toEqual(JSON.parse(PLAIN_JSON));
  });

  it('safe-mode JSON POST: the official aes example decrypts byte-exact', () => {
    const q = { signature: G.aes.signature, timestamp: G.aes.timestamp, nonce: G.aes.nonce, openid: G.aes.openid, encrypt_type: 'aes', msg_signature: G.aes.msg_signature };
    expect(computeSignature(G.token, G.aes.timestamp, G.aes.nonce)).toBe(G.aes.signature);
    const body = JSON.stringify({ ToUserName: G.aes.toUserName, Encrypt: G.aes.encrypt });
    const r = mp.parsePost(q, Buffer.from(body));
    expect(r).toMatchObject({ format: 'json', mode: 'safe', encrypted: true, raw: G.aes.plain });
    expect(r.fields.Event).toBe('debug_demo');
    expect(reasonOf(() => mp.parsePost({ ...q, msg_signature: G.aes.signature }, body))).toBe('bad_signature');
    const wrongApp = new MiniappCallback({ appId: 'wxOTHER', token: G.token, encodingAesKey: G.encodingAESKey });
    expect(reasonOf(() => wrongApp.parsePost(q, body))).toBe('wrong_receiver');
    expect(reasonOf(() => mp.parsePost(q, '{"Encrypt":'))).toBe('malformed');
    expect(reasonOf(() => mp.parsePost(q, 'plain text'))).toBe('malformed');
  });

  it('JSON reply is byte-exact with the official example', () => {
    const out = mp.encryptReply(G.reply.msg, 'json', { timestamp: G.reply.timestamp, nonce: G.reply.nonce, random: Buffer.from(G.reply.random) });
    expect(out).toBe(`{"Encrypt":"${G.reply.encrypt}","MsgSignature":"${G.reply.msgSignature}","TimeStamp":1713424427,"Nonce":"415670741"}`);
    const xml = parseXml(mp.encryptReply(G.reply.msg, 'xml', { timestamp: G.reply.timestamp, nonce: G.reply.nonce, random: Buffer.from(G.reply.random) }));
    expect(xml).toEqual({ Encrypt: G.reply.encrypt, MsgSignature: G.reply.msgSignature, TimeStamp: G.reply.timestamp, Nonce: G.reply.nonce });
  });

  it('XML safe mode round-trip', () => {
    const inner = '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><MsgType><![CDATA[text]]></MsgType><MsgId>23456789012345678901</MsgId></xml>';
    const env = parseXml(mp.encryptReply(inner, 'xml', { timestamp: '1714112445', nonce: '7' }));
    const r = mp.parsePost({ encrypt_type: 'aes', msg_signature: env.MsgSignature, timestamp: env.TimeStamp, nonce: env.Nonce }, `<xml><Encrypt><![CDATA[${env.Encrypt}]]></Encrypt></xml>`);
    expect(r).toMatchObject({ format: 'xml', mode: 'safe' });
    expect(r.fields.MsgId).toBe('23456789012345678901');
  });

  it('parseJsonObject keeps 64-bit integers as strings and rejects non-objects', () => {
    const o = parseJsonObject('{"MsgId":24500000000000000123,"n":-9007199254740993,"small":42,"f":1.5e3,"s":"12345678901234567890","a":[1,2]}');
    expect(o).toEqual({ MsgId: '24500000000000000123', n: '-9007199254740993', small: 42, f: 1500, s: '12345678901234567890', a: [1, 2] });
    for (const bad of ['[]', 'null', '"x"', '{', '{"a":1}x']) expect(reasonOf(() => parseJsonObject(bad))).toBe('malformed');
  });
});
