import V from './__fixtures__/wechat-vectors.json';
import { WechatCryptoError } from './errors';
import { computeSignature, WechatMessageCrypto } from './message-crypto';
import { WecomCallback } from './wecom-callback';
import { listValues, parseXml } from './xml';

const A = V['V-A'];
const B = V['V-B'];

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof WechatCryptoError) return e.reason;
    throw e;
  }
  return 'no error';
}

describe('WecomCallback', () => {
  const wecom = new WecomCallback({ corpId: A.corpId, token: A.token, encodingAesKey: A.encodingAESKey });

  it('V-B GET: verifies msg_signature over the decoded echostr and returns the plaintext', () => {
    const q = { msg_signature: B.msg_signature, timestamp: B.timestamp, nonce: B.nonce, echostr: B.echostr };
    expect(wecom.verifyGet(q)).toBe(B.echostrPlain);
    // the URL-encoded wire form must be decoded first (Express does); as-is it fails the signature
    expect(reasonOf(() => wecom.verifyGet({ ...q, echostr: encodeURIComponent(B.echostr) }))).toBe('bad_signature');
    const other = new WecomCallback({ corpId: 'wwOTHER', token: B.token, encodingAesKey: B.encodingAESKey });
    expect(reasonOf(() => other.verifyGet(q))).toBe('wrong_receiver');
  });

  it('V-A POST: decrypts the official body byte-exact and exposes AgentID', () => {
    const body = `<xml><ToUserName><![CDATA[${A.corpId}]]></ToUserName><Encrypt><![CDATA[${A.encrypt}]]></Encrypt><AgentID><![CDATA[${A.agentId}]]></AgentID></xml>`;
    const r = wecom.parsePost({ msg_signature: A.msg_signature, timestamp: A.timestamp, nonce: A.nonce }, body);
    expect(r.xml).toBe(A.expected_plaintext);
    expect(r.agentId).toBe('218');
    expect(r.fields).toMatchObject({ FromUserName: 'mycreate', Content: 'hello', MsgId: '4561255354251345929', AgentID: '218' });
    expect(reasonOf(() => wecom.parsePost({ msg_signature: A.msg_signature, timestamp: A.timestamp, nonce: '1' }, body))).toBe('bad_signature');
    expect(reasonOf(() => wecom.parsePost({ msg_signature: A.msg_signature, timestamp: A.timestamp, nonce: A.nonce }, '<xml/>'))).toBe('malformed');
    expect(reasonOf(() => wecom.parsePost({ msg_signature: A.msg_signature, nonce: A.nonce }, body))).toBe('malformed');
  });

  it('external-contact group event with MemChangeList round-trips through seal/parse', () => {
    const event =
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime>' +
      '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId>' +
      '<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>1</JoinScene><MemChangeCnt>2</MemChangeCnt>' +
      '<MemChangeList><Item>wmEAAA</Item><Item>wmEBBB</Item></MemChangeList><LastMemVer>9c3f97c2ada667dfb5f6d03308d963e1</LastMemVer><CurMemVer>71217227bbd112ecfe3a49c482195cb4</CurMemVer></xml>';
    const sealer = new WechatMessageCrypto({ token: A.token, encodingAesKey: A.encodingAESKey, receiveId: A.corpId });
    const env = sealer.seal(event, { timestamp: '1403610513', nonce: 'n1' });
    const r = wecom.parsePost({ msg_signature: env.msgSignature, timestamp: env.timestamp, nonce: env.nonce }, `<xml><Encrypt><![CDATA[${env.encrypt}]]></Encrypt></xml>`);
    expect(listValues(r.fields, 'MemChangeList')).toEqual(['wmEAAA', 'wmEBBB']);
    expect(r.fields.UpdateDetail).toBe('add_member');
  });

  it('encryptReply envelope verifies and decrypts', () => {
    const env = parseXml(wecom.encryptReply('<xml><Content><![CDATA[ok]]></Content></xml>', { timestamp: '1409659813', nonce: '1' }));
    expect(env.MsgSignature).toBe(computeSignature(A.token, env.TimeStamp, env.Nonce, env.Encrypt));
    expect(reasonOf(() => wecom.verifyGet({ msg_signature: env.MsgSignature, timestamp: env.TimeStamp, nonce: env.Nonce, echostr: env.Encrypt }))).toBe('no error');
  });
});
