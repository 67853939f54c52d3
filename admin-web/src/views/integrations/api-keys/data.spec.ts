import { describe, expect, it } from 'vitest'
import type { ApiKey } from '@/api/types'
import { apiKeyStatus, maskedKey, sortApiKeys } from './data'

const key = (id: number, createdAt: string, revokedAt: string | null = null): ApiKey => ({
  id,
  name: `k${id}`,
  prefix: `sk_${id}`,
  createdAt,
  lastUsedAt: null,
  revokedAt,
})

describe('api keys', () => {
  it('derives the status from revokedAt', () => {
    expect(apiKeyStatus(key(1, '2026-11-01T00:00:00Z'))).toBe('active')
    expect(apiKeyStatus(key(1, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'))).toBe('revoked')
  })

  it('lists active keys first, newest first', () => {
    const keys = [
      key(1, '2026-11-01T00:00:00Z'),
      key(2, '2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z'),
      key(3, '2026-11-02T00:00:00Z'),
    ]
    expect(sortApiKeys(keys).map((k) => k.id)).toEqual([3, 1, 2])
  })

  it('masks all but the prefix', () => {
    expect(maskedKey('sk_AbCdEfG')).toBe('sk_AbCdEfG…')
  })
})
