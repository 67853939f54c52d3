// The member code shown as a QR code: `M1.<memberId>.<expiryEpochSeconds>.<signature>`, signed
// by the server. The client never checks the signature (it has no key); it only reads the
// expiry so the page can fetch a fresh code before the one on screen stops scanning.

export interface MemberCodeInfo {
  version: 'M1'
  memberId: number
  /** Expiry, epoch seconds */
  expiresAt: number
  signature: string
}

const MEMBER_CODE_RE = /^M1\.(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]+={0,2})$/

/** Parses a member code; null when it is not of the M1 form. */
export function parseMemberCode(code: string | null | undefined): MemberCodeInfo | null {
  const m = MEMBER_CODE_RE.exec((code ?? '').trim())
  if (!m) return null
  return { version: 'M1', memberId: Number(m[1]), expiresAt: Number(m[2]), signature: m[3] }
}

/** Refresh this long before expiry, so a code being scanned at the till is never stale. */
export const REFRESH_LEAD_MS = 30_000
/** Never poll faster than this, whatever the server's expiry says (clock skew, tiny TTLs). */
export const MIN_REFRESH_DELAY_MS = 10_000
/** setTimeout overflows past ~24.8 days; cap the wait (the page re-fetches on show anyway). */
export const MAX_REFRESH_DELAY_MS = 6 * 60 * 60 * 1000

/**
 * Milliseconds to wait before fetching a fresh code, or null when the code carries no expiry
 * we understand (then the page only refreshes on show or on request).
 */
export function refreshDelayMs(code: string | null | undefined, nowMs: number): number | null {
  const info = parseMemberCode(code)
  if (!info) return null
  const delay = info.expiresAt * 1000 - REFRESH_LEAD_MS - nowMs
  return Math.min(MAX_REFRESH_DELAY_MS, Math.max(MIN_REFRESH_DELAY_MS, delay))
}

/** "有效期至 14:05" in the phone's local time (no Intl: mini-program engines lack locale data). */
export function describeExpiry(code: string | null | undefined, nowMs: number): string {
  const info = parseMemberCode(code)
  if (!info) return ''
  const at = new Date(info.expiresAt * 1000)
  if (info.expiresAt * 1000 <= nowMs) return '会员码已过期，请刷新'
  const pad = (n: number) => String(n).padStart(2, '0')
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`
  const sameDay = new Date(nowMs).toDateString() === at.toDateString()
  return sameDay ? `有效期至 ${time}` : `有效期至 ${at.getMonth() + 1}月${at.getDate()}日 ${time}`
}
