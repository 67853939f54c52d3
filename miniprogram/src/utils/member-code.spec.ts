import { describe, expect, it } from 'vitest'
import {
  MAX_REFRESH_DELAY_MS,
  MIN_REFRESH_DELAY_MS,
  REFRESH_LEAD_MS,
  describeExpiry,
  parseMemberCode,
  refreshDelayMs,
} from './member-code'

const EXP = 1_795_000_000 // epoch seconds
const CODE = `M1.1234.${EXP}.q1w2E3r4-_T5y6`

describe('parseMemberCode', () => {
  it('reads member id, expiry and signature of an M1 code', () => {
    expect(parseMemberCode(CODE)).toEqual({ version: 'M1', memberId: 1234, expiresAt: EXP, signature: 'q1w2E3r4-_T5y6' })
    expect(parseMemberCode(`M1.7.${EXP}.abc=`)?.signature).toBe('abc=')
  })

  it('rejects anything else', () => {
    for (const bad of ['', null, undefined, 'M2.1.2.sig', 'M1.1.2', 'M1.x.2.sig', 'M1.1.2.sig.extra', 'M1.1.2.s!g']) {
      expect(parseMemberCode(bad)).toBeNull()
    }
  })
})

describe('refreshDelayMs', () => {
  it('refreshes ahead of expiry', () => {
    const now = (EXP - 300) * 1000
    expect(refreshDelayMs(CODE, now)).toBe(300_000 - REFRESH_LEAD_MS)
  })

  it('keeps a floor for nearly expired or expired codes, and a ceiling for long-lived ones', () => {
    expect(refreshDelayMs(CODE, (EXP - 5) * 1000)).toBe(MIN_REFRESH_DELAY_MS)
    expect(refreshDelayMs(CODE, (EXP + 3600) * 1000)).toBe(MIN_REFRESH_DELAY_MS)
    expect(refreshDelayMs(CODE, (EXP - 90 * 86400) * 1000)).toBe(MAX_REFRESH_DELAY_MS)
  })

  it('does not schedule for codes it cannot read', () => {
    expect(refreshDelayMs('opaque', 0)).toBeNull()
  })
})

describe('describeExpiry', () => {
  it('shows the local expiry time, with the date when it is not today', () => {
    const exp = new Date(2026, 10, 23, 14, 5, 0).getTime() / 1000
    const code = `M1.1.${exp}.sig`
    expect(describeExpiry(code, new Date(2026, 10, 23, 14, 0).getTime())).toBe('有效期至 14:05')
    expect(describeExpiry(code, new Date(2026, 10, 22, 14, 0).getTime())).toBe('有效期至 11月23日 14:05')
    expect(describeExpiry(code, new Date(2026, 10, 23, 14, 6).getTime())).toBe('会员码已过期，请刷新')
    expect(describeExpiry('opaque', 0)).toBe('')
  })
})
