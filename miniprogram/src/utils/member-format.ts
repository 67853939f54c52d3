// Display rules for member fields (pure).

export const NICKNAME_MAX = 20

export function displayNickname(nickname: string | null | undefined): string {
  const n = (nickname ?? '').trim()
  return n || '微信用户'
}

/** One character for the avatar placeholder. */
export function avatarInitial(nickname: string | null | undefined): string {
  const n = (nickname ?? '').trim()
  return n ? Array.from(n)[0] : '会'
}

/** Level 0 (the server's default for a new member) and no level read as 普通会员. */
export function displayLevel(level: number | string | null | undefined): string {
  if (level === null || level === undefined || level === '' || Number(level) === 0) return '普通会员'
  if (typeof level === 'number' || /^\d+$/.test(level)) return `Lv.${level}`
  return level
}

export function displayPoints(points: number | null | undefined): string {
  const p = typeof points === 'number' && Number.isFinite(points) ? points : 0
  // No Intl: not every mini-program JS engine has full locale data.
  return String(Math.trunc(p)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

export function displayPhone(phoneMasked: string | null | undefined): string {
  return phoneMasked?.trim() ? phoneMasked : '未绑定'
}

/** Returns an error message, or null when the nickname can be saved. */
export function validateNickname(raw: string): string | null {
  const n = raw.trim()
  if (!n) return '请输入昵称'
  if (Array.from(n).length > NICKNAME_MAX) return `昵称最多 ${NICKNAME_MAX} 个字`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(n)) return '昵称不能包含控制字符'
  return null
}

/** A mainland mobile number as typed (spaces, dashes and +86 allowed) → 11 digits, or an error message. */
export function parseMobile(raw: string): { phone: string } | { error: string } {
  const digits = raw.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')
  if (!digits) return { error: '请输入手机号' }
  if (!/^1[3-9]\d{9}$/.test(digits)) return { error: '请输入正确的 11 位手机号' }
  return { phone: digits }
}

/** What binding a phone tells the member. */
export function phoneBindingMessage(outcome: 'bound' | 'already' | 'held_by_other' | 'merged'): string {
  if (outcome === 'held_by_other') return '该手机号已关联其他会员账号'
  return outcome === 'merged' ? '手机号已绑定，会员账号已合并' : '手机号已绑定'
}
