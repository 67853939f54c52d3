/**
 * openapi-fetch middlewares, free of Vue/Pinia/Element so they are unit-testable:
 * - auth: Bearer token, Accept-Language, one refresh (token rotation) + one retry on 401;
 * - errors: one toast per failed response, built from the server's error body.
 */
import type { Middleware } from 'openapi-fetch'
import type { ApiErrorBody } from './types'

export interface TokenPair {
  accessToken: string
  refreshToken: string
}

export interface AuthHooks {
  getAccessToken(): string | null
  getRefreshToken(): string | null
  /** Exchanges the refresh token for a new pair; resolves null (or throws) when refused. */
  refresh(refreshToken: string): Promise<TokenPair | null>
  /** Called with the rotated pair; the old refresh token is dead from now on. */
  onTokens(pair: TokenPair): void
  /** Not logged in any more: clear the session and go to the login page. Must be idempotent. */
  onAuthFailure(): void
  getLocale(): string
}

/** Endpoints whose 401 means "bad credentials", not "token expired". */
export const AUTH_PATHS = ['/api/auth/login', '/api/auth/refresh', '/api/auth/logout']

function bearerOf(request: Request): string | null {
  const value = request.headers.get('Authorization')
  return value?.startsWith('Bearer ') ? value.slice(7) : null
}

export function createAuthMiddleware(hooks: AuthHooks): Middleware {
  // A clone of each request taken before it is sent: the original body is consumed by fetch.
  const pending = new Map<string, Request>()
  // Concurrent 401s share one refresh call: with rotation, a second refresh would use a dead token.
  let refreshing: Promise<string | null> | null = null

  function refreshOnce(): Promise<string | null> {
    if (!refreshing) {
      refreshing = (async () => {
        const refreshToken = hooks.getRefreshToken()
        if (!refreshToken) return null
        try {
          const pair = await hooks.refresh(refreshToken)
          if (!pair) return null
          hooks.onTokens(pair)
          return pair.accessToken
        } catch {
          return null
        }
      })().finally(() => {
        refreshing = null
      })
    }
    return refreshing
  }

  return {
    onRequest({ request, schemaPath, id }) {
      const token = hooks.getAccessToken()
      if (token && !request.headers.has('Authorization')) {
        request.headers.set('Authorization', `Bearer ${token}`)
      }
      request.headers.set('Accept-Language', hooks.getLocale())
      if (!AUTH_PATHS.includes(schemaPath)) pending.set(id, request.clone())
      return request
    },

    async onResponse({ request, response, id, options }) {
      const retry = pending.get(id)
      pending.delete(id)
      if (response.status !== 401 || !retry) return undefined

      // Another request may already have rotated the tokens while this one was in flight.
      const current = hooks.getAccessToken()
      const sent = bearerOf(request)
      const token = current && sent && current !== sent ? current : await refreshOnce()
      if (!token) {
        hooks.onAuthFailure()
        return undefined
      }
      retry.headers.set('Authorization', `Bearer ${token}`)
      const second = await options.fetch(retry)
      // Refreshed once and still refused: give up, no second refresh.
      if (second.status === 401) hooks.onAuthFailure()
      return second
    },

    onError({ id }) {
      pending.delete(id)
      return undefined
    },
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'message' in body
}

/**
 * "message" plus one line per field detail the message does not already say (the server often
 * folds its details into the message); falls back to the HTTP status.
 */
export function formatApiError(body: unknown, status: number): string {
  if (!isErrorBody(body)) return `HTTP ${status}`
  const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message)
  const details = (body.details ?? [])
    .filter((d) => d.message && !message.includes(d.message))
    .map((d) => (d.field ? `${d.field}: ${d.message}` : d.message))
  return [message, ...details].join('\n')
}

export interface ErrorHooks {
  notify(message: string): void
  networkErrorMessage(): string
  /** schemaPaths whose errors the caller shows itself (e.g. login shows them inline). */
  silentPaths?: string[]
  /** Single answers the caller shows itself, by method, schemaPath and status. */
  silentResponses?: SilentResponse[]
}

export interface SilentResponse {
  method: string
  path: string
  status: number
}

export function createErrorMiddleware(hooks: ErrorHooks): Middleware {
  return {
    async onResponse({ request, response, schemaPath }) {
      // 401 is handled by the auth middleware (refresh or back to login).
      if (response.ok || response.status === 401) return undefined
      if (hooks.silentPaths?.includes(schemaPath)) return undefined
      const silent = hooks.silentResponses?.some(
        (s) => s.path === schemaPath && s.status === response.status && s.method === request.method,
      )
      if (silent) return undefined
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null)
      hooks.notify(formatApiError(body, response.status))
      return undefined
    },
    onError({ error }) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) {
        hooks.notify(hooks.networkErrorMessage())
      }
      return undefined
    },
  }
}
