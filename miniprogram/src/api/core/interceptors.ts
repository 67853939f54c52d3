// Taro.addInterceptor chain links, written against a minimal Chain type so they can be
// unit-tested without Taro. Order (outermost first): errors → session (401) → auth → request.
import { isApiEndpoint, isPublicEndpoint } from './endpoint'
import { toApiError } from './errors'

export interface RequestParams {
  url: string
  method?: string
  header?: Record<string, string>
  data?: unknown
  [key: string]: unknown
}

export interface RequestResult {
  statusCode: number
  data: unknown
  header?: Record<string, string>
}

export interface Chain {
  requestParams: RequestParams
  proceed(params: RequestParams): Promise<RequestResult>
}

export type Interceptor = (chain: Chain) => Promise<RequestResult>

const AUTH_HEADER = 'Authorization'

/** Adds `Authorization: Bearer <token>` to calls of our API (not to login / sandbox / config). */
export function createAuthInterceptor(opts: { getToken: () => string | null | undefined; apiBase: string }): Interceptor {
  return (chain) => {
    const params = chain.requestParams
    const token = opts.getToken()
    if (!token || !isApiEndpoint(params.url, opts.apiBase) || isPublicEndpoint(params.url)) {
      return chain.proceed(params)
    }
    const header = { ...(params.header ?? {}) }
    for (const k of Object.keys(header)) if (k.toLowerCase() === 'authorization') delete header[k]
    header[AUTH_HEADER] = `Bearer ${token}`
    return chain.proceed({ ...params, header })
  }
}

/**
 * On a 401 from a member endpoint: log in again (once, shared by concurrent requests) and
 * retry the request once. A second 401 is returned as is (the error link turns it into an error).
 * `relogin` clears the stored session and gets a fresh token.
 */
export function createSessionInterceptor(opts: {
  getToken: () => string | null | undefined
  relogin: () => Promise<unknown>
}): Interceptor {
  let pending: Promise<unknown> | null = null
  const reloginOnce = () => {
    if (!pending) {
      pending = opts.relogin().finally(() => {
        pending = null
      })
    }
    return pending
  }

  return async (chain) => {
    const params = chain.requestParams
    const sent = opts.getToken() ?? null
    const res = await chain.proceed(params)
    if (res.statusCode !== 401 || isPublicEndpoint(params.url)) return res

    // Another request may already have logged in again while this one was in flight:
    // then retry with the new token instead of logging in a second time.
    const now = opts.getToken() ?? null
    if (!now || now === sent) await reloginOnce()
    if (!opts.getToken()) return res
    return chain.proceed(params)
  }
}

/** Turns a non-2xx response into a rejected ApiError; passes 2xx through. */
export function createErrorInterceptor(): Interceptor {
  return async (chain) => {
    const res = await chain.proceed(chain.requestParams)
    if (res.statusCode >= 200 && res.statusCode < 300) return res
    throw toApiError(res.statusCode, res.data)
  }
}
