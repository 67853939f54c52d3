/**
 * Callback XML in, reply XML out.
 *
 * Parsing: fast-xml-parser with every value kept as a string (MsgId is 64-bit), no DOCTYPE or
 * custom entities (rejected before parsing: XXE / billion laughs), bounded size, depth and
 * field count. Nested elements are flattened into dotted keys (`ScanCodeInfo.ScanType`);
 * a name repeated under one parent gets an index (`MemChangeList.Item[0]`, `…Item[1]`) —
 * use `listValues(fields, 'MemChangeList')` to read such lists without caring about the count.
 *
 * Building: hand-written, since replies are tiny and must use CDATA for strings exactly like
 * WeChat's own samples; numbers are emitted bare (CreateTime, ArticleCount, TimeStamp).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WechatCryptoError } from './errors';

export type XmlFields = Record<string, string>;

export interface ParseXmlOptions {
  /** max characters of XML (default 512 KiB) */
  maxLength?: number;
  /** max element nesting below the root (default 8) */
  maxDepth?: number;
  /** max number of flattened fields (default 5000) */
  maxFields?: number;
}

const DEFAULTS = { maxLength: 512 * 1024, maxDepth: 8, maxFields: 5000 };
const CDATA = '#cdata';
const TEXT = '#text';
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

type OrderedNode = Record<string, unknown>;

function parserFor(maxDepth: number): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: false,
    cdataPropName: CDATA,
    // we decode the five predefined entities and char refs ourselves; no DTD entities ever
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: maxDepth + 1,
  });
}

const ENTITY_RE = /&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(ENTITY_RE, (m, body: string) => {
    if (body[0] !== '#') return NAMED[body];
    const cp = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : m;
  });
}

function nodeName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

/**
 * Rejects DOCTYPE, ENTITY and any other markup declaration outside CDATA sections. A linear
 * scan (a lazy CDATA regex is quadratic on many unterminated `<![CDATA[`).
 */
function assertNoDeclarations(xml: string): void {
  let i = xml.indexOf('<!');
  while (i !== -1) {
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1) break; // unterminated CDATA: the validator rejects it
      i = xml.indexOf('<!', end + 3);
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) break;
      i = xml.indexOf('<!', end + 3);
    } else {
      throw new WechatCryptoError('malformed', 'XML markup declarations (DOCTYPE/ENTITY) are not allowed');
    }
  }
}

/** Parses a callback XML document (`<xml>…</xml>`) into flat string fields. */
export function parseXml(xml: unknown, options: ParseXmlOptions = {}): XmlFields {
  const opts = { ...DEFAULTS, ...options };
  if (typeof xml !== 'string') throw new WechatCryptoError('malformed', 'XML body must be a string');
  if (xml.length > opts.maxLength) throw new WechatCryptoError('too_large', `XML longer than ${opts.maxLength} characters`);
  const doc = xml.replace(/^\uFEFF/, '');
  assertNoDeclarations(doc);
  let tree: OrderedNode[];
  try {
    if (XMLValidator.validate(doc) !== true) throw new Error('invalid');
    tree = parserFor(opts.maxDepth).parse(doc) as OrderedNode[];
  } catch (e) {
    const deep = e instanceof Error && /nested/i.test(e.message);
    throw new WechatCryptoError(deep ? 'too_large' : 'malformed', deep ? 'XML nested too deeply' : 'XML is not well-formed');
  }
  const roots = tree.filter((n) => {
    const name = nodeName(n);
    return name !== undefined && name !== TEXT && !name.startsWith('?');
  });
  if (roots.length !== 1) throw new WechatCryptoError('malformed', 'XML must have exactly one root element');
  const out = new Map<string, string>();
  flattenChildren(roots[0][nodeName(roots[0]) as string] as OrderedNode[], '', out, opts.maxFields);
  return Object.fromEntries(out);
}

function flattenChildren(children: OrderedNode[], prefix: string, out: Map<string, string>, maxFields: number): void {
  const counts = new Map<string, number>();
  for (const c of children) {
    const n = nodeName(c);
    if (n !== undefined && n !== TEXT && n !== CDATA) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  for (const child of children) {
    const name = nodeName(child);
    if (name === undefined || name === TEXT || name === CDATA) continue; // whitespace / mixed text between elements
    const idx = seen.get(name) ?? 0;
    seen.set(name, idx + 1);
    const key = `${prefix}${name}${(counts.get(name) ?? 0) > 1 ? `[${idx}]` : ''}`;
    const content = child[name] as OrderedNode[];
    const elements = content.filter((c) => {
      const n = nodeName(c);
      return n !== TEXT && n !== CDATA;
    });
    if (elements.length > 0) {
      flattenChildren(content, `${key}.`, out, maxFields);
      continue;
    }
    if (out.size >= maxFields) throw new WechatCryptoError('too_large', `more than ${maxFields} XML fields`);
    out.set(key, leafText(content));
  }
}

function leafText(content: OrderedNode[]): string {
  const parts: { cdata: boolean; text: string }[] = [];
  for (const c of content) {
    if (CDATA in c) {
      const inner = c[CDATA] as OrderedNode[];
      parts.push({ cdata: true, text: inner.map((t) => String(t[TEXT] ?? '')).join('') });
    } else if (TEXT in c) {
      parts.push({ cdata: false, text: decodeEntities(String(c[TEXT])) });
    }
  }
  // CDATA is verbatim (a user's message may start with spaces); plain text is trimmed (pretty-printed XML)
  if (!parts.some((p) => p.cdata)) return parts.map((p) => p.text).join('').trim();
  return parts
    .filter((p) => p.cdata || p.text.trim() !== '')
    .map((p) => p.text)
    .join('');
}

/** Values of `prefix` itself or of every field below it, in document order (e.g. MemChangeList items). */
export function listValues(fields: XmlFields, prefix: string): string[] {
  if (Object.prototype.hasOwnProperty.call(fields, prefix)) return fields[prefix] === '' ? [] : [fields[prefix]];
  return Object.keys(fields)
    .filter((k) => k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}[`))
    .map((k) => fields[k]);
}

// ---------- building ----------

/** XML 1.0 forbids most C0 controls even inside CDATA; drop them rather than emit a broken reply. */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function cdata(value: string): string {
  return `<![CDATA[${value.replace(INVALID_XML_CHARS, '').split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

export type XmlValue = string | number | XmlObject | XmlObject[];
export interface XmlObject {
  [name: string]: XmlValue;
}

function element(name: string, value: XmlValue): string {
  if (!NAME_RE.test(name)) throw new TypeError(`invalid XML element name: ${name}`);
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  if (typeof value === 'number') return `<${name}>${Number.isFinite(value) ? String(value) : ''}</${name}>`;
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
}

/** Builds `<xml>…</xml>`: strings in CDATA, numbers bare, objects nested, arrays repeat the element. */
export function buildXml(fields: XmlObject, root = 'xml'): string {
  return element(root, fields);
}

export interface ReplyHeader {
  /** the user's openid (FromUserName of the inbound message) */
  toUser: string;
  /** our gh_ id / corpid (ToUserName of the inbound message) */
  fromUser: string;
  /** seconds; defaults to now */
  createTime?: number;
}

function header(h: ReplyHeader, msgType: string): XmlObject {
  return {
    ToUserName: h.toUser,
    FromUserName: h.fromUser,
    CreateTime: h.createTime ?? Math.floor(Date.now() / 1000),
    MsgType: msgType,
  };
}

export function buildTextReply(h: ReplyHeader, content: string): string {
  return buildXml({ ...header(h, 'text'), Content: content });
}

export interface NewsArticle {
  title: string;
  description?: string;
  picUrl?: string;
  url?: string;
}

/** News reply; WeChat shows 1 article when answering a user message and accepts at most 8. */
export function buildNewsReply(h: ReplyHeader, articles: NewsArticle[]): string {
  if (articles.length < 1 || articles.length > 8) throw new RangeError('a news reply needs 1..8 articles');
  const items = articles.map((a) => ({
    Title: a.title,
    Description: a.description ?? '',
    PicUrl: a.picUrl ?? '',
    Url: a.url ?? '',
  }));
  return buildXml({ ...header(h, 'news'), ArticleCount: items.length, Articles: { item: items } });
}

/** The safe-mode reply envelope, in the layout of WeChat's official samples. */
export function buildEncryptedReplyXml(env: { encrypt: string; msgSignature: string; timestamp: string; nonce: string }): string {
  const ts = /^\d+$/.test(env.timestamp) ? env.timestamp : '';
  return (
    `<xml><Encrypt>${cdata(env.encrypt)}</Encrypt><MsgSignature>${cdata(env.msgSignature)}</MsgSignature>` +
    `<TimeStamp>${ts}</TimeStamp><Nonce>${cdata(env.nonce)}</Nonce></xml>`
  );
}
