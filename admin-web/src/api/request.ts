/**
 * The one HTTP client of the admin web: openapi-fetch over the generated `paths`.
 * UI concerns (store, router, toasts, locale) are plugged in from main.ts with configureApi(),
 * so this module imports nothing from Vue land.
 */
import createClient from 'openapi-fetch'
import type { paths } from './schema'
import type { ApiErrorBody } from './types'
import { AUTH_PATHS, createAuthMiddleware, createErrorMiddleware, formatApiError } from './middleware'
import type { SilentResponse, TokenPair } from './middleware'

export interface ApiHooks {
  getAccessToken(): string | null
  getRefreshToken(): string | null
  onTokens(pair: TokenPair & { user?: unknown }): void
  onAuthFailure(): void
  getLocale(): string
  notifyError(message: string): void
  networkErrorMessage(): string
}

const hooks: ApiHooks = {
  getAccessToken: () => null,
  getRefreshToken: () => null,
  onTokens: () => undefined,
  onAuthFailure: () => undefined,
  getLocale: () => 'zh-CN',
  notifyError: (message) => console.error(message),
  networkErrorMessage: () => 'Network error',
}

export function configureApi(overrides: Partial<ApiHooks>): void {
  Object.assign(hooks, overrides)
}

export class ApiError extends Error {
  readonly status: number
  readonly body: ApiErrorBody | null

  constructor(status: number, body: unknown) {
    super(formatApiError(body, status))
    this.name = 'ApiError'
    this.status = status
    this.body = typeof body === 'object' && body !== null ? (body as ApiErrorBody) : null
  }

  /** Field → message, for showing 400/409 details next to form fields. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.body?.details ?? []).map((d) => [d.field, d.message]))
  }
}

/** Throws ApiError on a non-2xx result, returns the data otherwise. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw new ApiError(result.response.status, result.error)
  return result.data as T
}

/**
 * Errors a page explains in place rather than as a toast: the member page tells a merged-away
 * member (404 "merged into N") apart from a missing one; the segment builder marks the condition
 * a rejected rule names, and the lifecycle page the stage.
 */
export const SILENT_RESPONSES: SilentResponse[] = [
  { method: 'GET', path: '/api/members/{id}', status: 404 },
  { method: 'POST', path: '/api/segments/preview', status: 400 },
  { method: 'PUT', path: '/api/segment-layers/lifecycle', status: 400 },
]

export function createApiClient(baseUrl: string, fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init)) {
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl })

  async function refresh(refreshToken: string): Promise<TokenPair | null> {
    // Plain fetch: the refresh call must not go through the auth middleware itself.
    const response = await fetchImpl(
      new Request(`${baseUrl}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': hooks.getLocale() },
        body: JSON.stringify({ refreshToken }),
      }),
    )
    if (!response.ok) return null
    const pair = (await response.json()) as TokenPair
    return pair.accessToken && pair.refreshToken ? pair : null
  }

  // onResponse runs in reverse order: auth (refresh + retry) first, then the error toast sees the final response.
  client.use(
    createErrorMiddleware({
      notify: (message) => hooks.notifyError(message),
      networkErrorMessage: () => hooks.networkErrorMessage(),
      silentPaths: AUTH_PATHS,
      silentResponses: SILENT_RESPONSES,
    }),
    createAuthMiddleware({
      getAccessToken: () => hooks.getAccessToken(),
      getRefreshToken: () => hooks.getRefreshToken(),
      refresh,
      onTokens: (pair) => hooks.onTokens(pair),
      onAuthFailure: () => hooks.onAuthFailure(),
      getLocale: () => hooks.getLocale(),
    }),
  )
  return client
}

export const client = createApiClient(typeof window === 'undefined' ? 'http://localhost' : window.location.origin)
