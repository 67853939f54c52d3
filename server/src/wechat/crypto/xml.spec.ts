import V from './__fixtures__/wechat-vectors.json';
import { WechatCryptoError } from './errors';
import { buildEncryptedReplyXml, buildNewsReply, buildTextReply, buildXml, cdata, listValues, parseXml } from './xml';

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof WechatCryptoError) return e.reason;
    throw e;
  }
  return 'no error';
}

describe('parseXml', () => {
  it('parses the V-A plaintext: CDATA, newlines between elements, 64-bit MsgId kept as a string', () => {
    const f = parseXml(V['V-A'].expected_plaintext);
    expect(f).toEqual({
      ToUserName: 'wx5823bf96d3bd56c7',
      FromUserName: 'mycreate',
      CreateTime: '1409659813',
      MsgType: 'text',
      Content: 'hello',
      MsgId: '4561255354251345929',
      AgentID: '218',
    });
  });

  it('keeps CDATA verbatim (spaces, markup, entities) and decodes entities in plain text', () => {
    const f = parseXml('<?xml version="1.0"?><xml><Content><![CDATA[  <b>&amp; 你好 ]]></Content><T> a &amp; b &#20013; &#x4e2d; &lt; </T><Z>007</Z></xml>');
    expect(f.Content).toBe('  <b>&amp; 你好 ');
    expect(f.T).toBe('a & b 中 中 <');
    expect(f.Z).toBe('007');
  });

  it('flattens nested and repeated elements (WeCom MemChangeList, OA ScanCodeInfo)', () => {
    const f = parseXml(
      '<xml><Event><![CDATA[change_external_chat]]></Event><MemChangeList><Item><![CDATA[wmA]]></Item><Item><![CDATA[wmB]]></Item></MemChangeList>' +
        '<Single><Item>x</Item></Single><Empty></Empty><Self/><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>1</ScanResult></ScanCodeInfo></xml>',
    );
    expect(f['MemChangeList.Item[0]']).toBe('wmA');
    expect(f['MemChangeList.Item[1]']).toBe('wmB');
    expect(listValues(f, 'MemChangeList')).toEqual(['wmA', 'wmB']);
    expect(listValues(f, 'Single')).toEqual(['x']);
    expect(listValues(f, 'Empty')).toEqual([]);
    expect(listValues(f, 'Missing')).toEqual([]);
    expect(f.Self).toBe('');
    expect(f['ScanCodeInfo.ScanType']).toBe('qrcode');
  });

  it('rejects DOCTYPE / ENTITY (XXE, billion laughs) but allows "<!DOCTYPE" text inside CDATA', () => {
    expect(reasonOf(() => parseXml('<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><A>&e;</A></xml>'))).toBe('malformed');
    expect(reasonOf(() => parseXml('<xml><!ENTITY x "y"><A>1</A></xml>'))).toBe('malformed');
    expect(reasonOf(() => parseXml('<?xml version="1.0"?>\n<!doctype lol [<!ENTITY a "aaaa">]><xml/>'))).toBe('malformed');
    expect(parseXml('<xml><Content><![CDATA[<!DOCTYPE x>]]></Content><!-- comment --></xml>').Content).toBe('<!DOCTYPE x>');
    expect(parseXml('<xml><A>&e;</A></xml>').A).toBe('&e;');
  });

  it('enforces size, depth and field-count limits', () => {
    expect(reasonOf(() => parseXml(`<xml><A>${'x'.repeat(100)}</A></xml>`, { maxLength: 50 }))).toBe('too_large');
    const deep = `<xml>${'<a>'.repeat(20)}x${'</a>'.repeat(20)}</xml>`;
    expect(reasonOf(() => parseXml(deep))).toBe('too_large');
    const many = `<xml>${'<a>1</a>'.repeat(20)}</xml>`;
    expect(reasonOf(() => parseXml(many, { maxFields: 10 }))).toBe('too_large');
  });

  it('rejects malformed documents and odd names with malformed', () => {
    for (const bad of ['', 'garbage', '<xml><a>1</b></xml>', '<xml><a>1</a>', '<xml/><xml/>', '<xml><__proto__>1</__proto__></xml>', 12 as unknown as string]) {
      expect(reasonOf(() => parseXml(bad))).toBe('malformed');
    }
  });

  it('property: random and mutated documents only yield fields or a WechatCryptoError', () => {
    const base = V['V-A'].expected_plaintext;
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = '<>/![]CDATA&;#x"\' =?-xml\n';
    for (let i = 0; i < 400; i++) {
      const chars = base.split('');
      for (let k = 0; k < 1 + Math.floor(rnd() * 5); k++) chars[Math.floor(rnd() * chars.length)] = alphabet[Math.floor(rnd() * alphabet.length)];
      const input = i % 5 === 0 ? Array.from({ length: 60 }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('') : chars.join('');
      try {
        const f = parseXml(input);
        for (const v of Object.values(f)) expect(typeof v).toBe('string');
      } catch (e) {
        expect(e).toBeInstanceOf(WechatCryptoError);
      }
    }
  });
});

describe('reply building', () => {
  const h = { toUser: 'oUser', fromUser: 'gh_abc', createTime: 1700000000 };

  it('text reply uses CDATA for strings and bare numbers, and round-trips through parseXml', () => {
    const xml = buildTextReply(h, 'hi ]]> <there> & 你好');
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_abc]]></FromUserName><CreateTime>1700000000</CreateTime>' +
        '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi ]]]]><![CDATA[> <there> & 你好]]></Content></xml>',
    );
    expect(parseXml(xml).Content).toBe('hi ]]> <there> & 你好');
  });

  it('news reply: ArticleCount + Articles/item, 1..8 articles', () => {
    const xml = buildNewsReply(h, [{ title: 'T1', url: 'https://x/1' }, { title: 'T2', description: 'd', picUrl: 'https://p' }]);
    const f = parseXml(xml);
    expect(f.MsgType).toBe('news');
    expect(f.ArticleCount).toBe('2');
    expect(f['Articles.item[1].Title']).toBe('T2');
    expect(() => buildNewsReply(h, [])).toThrow(RangeError);
    expect(() => buildNewsReply(h, Array.from({ length: 9 }, () => ({ title: 't' })))).toThrow(RangeError);
  });

  it('safe-mode envelope has the official layout', () => {
    expect(buildEncryptedReplyXml({ encrypt: 'E==', msgSignature: 'abc', timestamp: '1713424427', nonce: '415670741' })).toBe(
      '<xml><Encrypt><![CDATA[E==]]></Encrypt><MsgSignature><![CDATA[abc]]></MsgSignature><TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[415670741]]></Nonce></xml>',
    );
  });

  it('drops characters XML 1.0 forbids and rejects bad element names', () => {
    expect(cdata('a\u0001b')).toBe('<![CDATA[ab]]>');
    expect(() => buildXml({ 'bad name': 'x' })).toThrow(TypeError);
  });
});

describe('parseXml performance guards', () => {
  it('stays fast on hostile inputs near the size limit', () => {
    const hostile = [
      `<xml>${'<![CDATA['.repeat(50000)}</xml>`,
      `<xml>${'<!--'.repeat(100000)}</xml>`,
      `<xml>${'<a>'.repeat(100000)}`,
      `<xml>${'&amp;'.repeat(100000)}</xml>`,
      `<xml><A>${'x'.repeat(500000)}</A></xml>`,
    ];
    for (const h of hostile) {
      const t = Date.now();
      try {
        parseXml(h);
      } catch (e) {
        expect(e).toBeInstanceOf(WechatCryptoError);
      }
      expect(Date.now() - t).toBeLessThan(1500);
    }
  });
});
