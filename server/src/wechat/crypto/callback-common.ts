/** Small helpers shared by the OA / WeCom / mini-program callback handlers. */
import { WechatCryptoError } from './errors';

/** Express's `req.query` or any string map; non-string values (arrays, objects) count as absent. */
export type CallbackQuery = Record<string, unknown>;

export function queryParam(query: CallbackQuery | undefined, name: string): string | undefined {
  const v = query?.[name];
  return typeof v === 'string' ? v : undefined;
}

export function requireParam(query: CallbackQuery | undefined, name: string): string {
  const v = queryParam(query, name);
  if (v === undefined || v === '') throw new WechatCryptoError('malformed', `query parameter ${name} is required`);
  return v;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
export const MAX_BODY_BYTES = 1024 * 1024;

/** Raw request body (prefer the raw Buffer: `NestFactory.create(App, { rawBody: true })`) as UTF-8 text. */
export function bodyText(body: unknown, maxBytes = MAX_BODY_BYTES): string {
  if (typeof body === 'string') {
    if (Buffer.byteLength(body, 'utf8') > maxBytes) throw new WechatCryptoError('too_large', 'body too large');
    return body;
  }
  if (Buffer.isBuffer(body)) {
    if (body.length > maxBytes) throw new WechatCryptoError('too_large', 'body too large');
    try {
      return utf8.decode(body);
    } catch {
      throw new WechatCryptoError('malformed', 'body is not valid UTF-8');
    }
  }
  throw new WechatCryptoError('malformed', 'body must be the raw string or Buffer');
}

/**
 * True when `timestamp` (seconds, decimal string or number) is within `maxSkewSeconds` of
 * `nowSeconds`. `maxSkewSeconds` 0 turns the check off (always true).
 */
export function checkTimestamp(timestamp: unknown, nowSeconds: number, maxSkewSeconds: number): boolean {
  if (maxSkewSeconds <= 0) return true;
  const ts = typeof timestamp === 'number' ? timestamp : typeof timestamp === 'string' && /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  return Number.isFinite(ts) && Math.abs(nowSeconds - ts) <= maxSkewSeconds;
}

export interface TimestampPolicy {
  /** current time in seconds (inject the clock port's time; defaults to Date.now()) */
  nowSeconds?: number;
  /** reject requests whose timestamp is further away than this; 0 / absent = no check */
  maxSkewSeconds?: number;
}

export function assertTimestamp(timestamp: unknown, policy: TimestampPolicy | undefined): void {
  const skew = policy?.maxSkewSeconds ?? 0;
  const now = policy?.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!checkTimestamp(timestamp, now, skew)) throw new WechatCryptoError('stale_timestamp', 'timestamp outside the allowed window');
}

/**
 * JSON.parse that keeps integers beyond 2^53 as strings (64-bit MsgId in JSON pushes would
 * otherwise be silently rounded). Node 20 has no JSON source-text access, so big integer
 * tokens are quoted before parsing. Returns a plain object or throws `malformed`.
 */
export function parseJsonObject(text: string, maxLength = MAX_BODY_BYTES): Record<string, unknown> {
  if (text.length > maxLength) throw new WechatCryptoError('too_large', 'JSON too large');
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      const tok = m ? m[0] : ch;
      const isBigInt = m !== null && m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(Number(tok));
      out += isBigInt ? `"${tok}"` : tok;
      i += tok.length;
    } else {
      out += ch;
      i++;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(out);
  } catch {
    throw new WechatCryptoError('malformed', 'body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new WechatCryptoError('malformed', 'JSON body must be an object');
  }
  return parsed as Record<string, unknown>;
}
