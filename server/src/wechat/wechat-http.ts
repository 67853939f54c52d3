/** WeChat's JSON APIs answer HTTP 200 with `{errcode, errmsg}` on failure; this turns that into typed errors. */

/** Errors a sender can act on, by what they mean rather than their number. */
export type WechatErrorKind =
  | 'token_invalid' // 40001, 40014, 42001: refresh the token once and retry
  | 'transient' // -1 system busy, 45011 rate, network, 5xx: retry with backoff
  | 'not_following' // 43004: OA user does not follow
  | 'subscribe_refused' // 43101: no subscribe-message consent
  | 'quota' // 45009 daily quota, 45047 out of CS window
  | 'bad_credentials' // 40013, 40125, 40164 ip whitelist
  | 'permanent';

export class WechatApiError extends Error {
  readonly kind: WechatErrorKind;
  constructor(
    public readonly errcode: number,
    public readonly errmsg: string,
    public readonly api: string,
    public readonly httpStatus?: number,
  ) {
    super(`WeChat ${api} failed: ${errcode} ${errmsg}`);
    this.kind = kindOf(errcode, httpStatus);
  }

  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'token_invalid';
  }
}

export function kindOf(errcode: number, httpStatus?: number): WechatErrorKind {
  if (httpStatus && httpStatus >= 500) return 'transient';
  switch (errcode) {
    case 40001:
    case 40014:
    case 42001:
      return 'token_invalid';
    case -1:
    case 45011:
    case 45033:
      return 'transient';
    case 43004:
      return 'not_following';
    case 43101:
      return 'subscribe_refused';
    case 45009:
    case 45047:
      return 'quota';
    case 40013:
    case 40125:
    case 40164:
    case 40243:
      return 'bad_credentials';
    default:
      return 'permanent';
  }
}

export async function wechatGet<T>(url: string, query: Record<string, string>, timeoutMs = 5000): Promise<T> {
  return call<T>(`${url}?${new URLSearchParams(query)}`, { method: 'GET' }, url, timeoutMs);
}

export async function wechatPost<T>(url: string, query: Record<string, string>, body: unknown, timeoutMs = 5000): Promise<T> {
  return call<T>(`${url}?${new URLSearchParams(query)}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, url, timeoutMs);
}

async function call<T>(full: string, init: RequestInit, api: string, timeoutMs: number): Promise<T> {
  const name = api.replace(/^https?:\/\/[^/]+/, '');
  let res: Response;
  try {
    res = await fetch(full, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new WechatApiError(-1, `network: ${(e as Error).message}`, name);
  }
  if (res.status >= 500) throw new WechatApiError(-1, `HTTP ${res.status}`, name, res.status);
  let body: { errcode?: number; errmsg?: string };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new WechatApiError(-1, `HTTP ${res.status} with a body that is not JSON`, name, res.status);
  }
  if (body.errcode) throw new WechatApiError(body.errcode, body.errmsg ?? '', name, res.status);
  return body as T;
}
