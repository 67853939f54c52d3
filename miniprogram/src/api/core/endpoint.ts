// Pure helpers about where requests go. No Taro imports: unit-tested under Node.

export type TaroEnv = string | undefined

/**
 * The API origin for this build.
 * H5 is served by the SCRM server itself (/h5), so '' (same origin) is the default there;
 * wx.request needs an absolute host, so weapp falls back to TARO_APP_WEAPP_API_BASE.
 */
export function resolveApiBase(env: TaroEnv, apiBase?: string, weappApiBase?: string): string {
  const configured = (apiBase ?? '').trim()
  if (configured) return stripTrailingSlash(configured)
  if (env === 'h5') return ''
  return stripTrailingSlash((weappApiBase ?? '').trim())
}

export function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path
  const p = path.startsWith('/') ? path : `/${path}`
  return `${stripTrailingSlash(base)}${p}`
}

function stripTrailingSlash(s: string): string {
  return s.replace(/\/+$/, '')
}

/** Path part of a URL (absolute or not), without query or hash. */
export function pathOf(url: string): string {
  const noOrigin = url.replace(/^https?:\/\/[^/]+/i, '')
  return noOrigin.split(/[?#]/)[0] || '/'
}

/**
 * Endpoints that must not carry the member token nor trigger a re-login on 401:
 * the login itself, the sandbox's stand-in for wx.login, and the public config.
 */
export function isPublicEndpoint(url: string): boolean {
  const p = pathOf(url)
  return p === '/api/mp/auth/login' || p === '/api/mp/config' || p.startsWith('/sandbox/')
}

/** Only our own API gets the Authorization header (never a third-party URL). */
export function isApiEndpoint(url: string, apiBase: string): boolean {
  if (/^https?:\/\//i.test(url)) {
    if (!apiBase || !url.startsWith(apiBase)) return false
  }
  const p = pathOf(url)
  return p.startsWith('/api/') || p.startsWith('/sandbox/')
}
