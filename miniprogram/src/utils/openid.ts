// H5 has no wx.login: the sandbox issues a login code for an openid we choose. Keeping that
// openid in storage makes the same browser the same member across reloads and new sessions.
import type { KeyValueStorage } from './storage'

export const SANDBOX_OPENID_KEY = 'scrm.mp.sandboxOpenid'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Random bytes from Web Crypto when there is one, Math.random otherwise. */
export function defaultRandomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) {
    c.getRandomValues(out)
  } else {
    for (let i = 0; i < n; i++) out[i] = Math.floor(Math.random() * 256)
  }
  return out
}

/** An openid shaped like WeChat's: 28 characters starting with 'o'. */
export function generateSandboxOpenid(randomBytes: (n: number) => Uint8Array = defaultRandomBytes): string {
  const bytes = randomBytes(27)
  let s = 'o'
  for (let i = 0; i < 27; i++) s += ALPHABET[bytes[i] & 63]
  return s
}

export function isSandboxOpenid(v: string | null | undefined): v is string {
  return !!v && /^o[A-Za-z0-9_-]{27}$/.test(v)
}

export function getOrCreateSandboxOpenid(
  storage: KeyValueStorage,
  randomBytes?: (n: number) => Uint8Array,
): string {
  const existing = storage.get(SANDBOX_OPENID_KEY)
  if (isSandboxOpenid(existing)) return existing
  const created = generateSandboxOpenid(randomBytes)
  storage.set(SANDBOX_OPENID_KEY, created)
  return created
}
