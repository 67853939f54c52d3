import { describe, expect, it } from 'vitest'
import { formatBirthday, formatDate, formatDateTime, orDash, prettyJson } from './format'

describe('format helpers', () => {
  it('shows a dash for missing values', () => {
    expect(formatDateTime(null)).toBe('—')
    expect(formatDate(undefined)).toBe('—')
    expect(formatBirthday(null)).toBe('—')
    expect(orDash('')).toBe('—')
    expect(orDash(0)).toBe('0')
    expect(prettyJson(null)).toBe('—')
  })

  it('formats instants in local time', () => {
    const iso = new Date(2026, 10, 23, 9, 5).toISOString()
    expect(formatDateTime(iso)).toBe('2026-11-23 09:05')
    expect(formatDate(iso)).toBe('2026-11-23')
    expect(formatDateTime('not a date')).toBe('not a date')
  })

  it('formats birthdays with or without a year', () => {
    expect(formatBirthday({ year: 1990, month: 5, day: 2 })).toBe('1990-05-02')
    expect(formatBirthday({ year: null, month: 12, day: 31 })).toBe('12-31')
  })
})
