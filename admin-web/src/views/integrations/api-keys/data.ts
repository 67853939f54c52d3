import type { ApiKey } from '@/api/types'

export const apiKeyColumns = [
  { prop: 'name', label: 'apiKeys.columns.name', minWidth: 180 },
  { prop: 'prefix', label: 'apiKeys.columns.prefix', width: 200 },
  { prop: 'status', label: 'apiKeys.columns.status', width: 110 },
  { prop: 'createdAt', label: 'apiKeys.columns.createdAt', width: 170 },
  { prop: 'lastUsedAt', label: 'apiKeys.columns.lastUsedAt', width: 170 },
  { prop: 'revokedAt', label: 'apiKeys.columns.revokedAt', width: 170 },
] as const

export type ApiKeyStatus = 'active' | 'revoked'

export function apiKeyStatus(key: Pick<ApiKey, 'revokedAt'>): ApiKeyStatus {
  return key.revokedAt ? 'revoked' : 'active'
}

/** Active keys first, newest first within each group. */
export function sortApiKeys(keys: ApiKey[]): ApiKey[] {
  return [...keys].sort((a, b) => {
    const byStatus = Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt))
    return byStatus || b.createdAt.localeCompare(a.createdAt) || b.id - a.id
  })
}

/** Shown in the list: the prefix only, the rest masked. */
export function maskedKey(prefix: string): string {
  return `${prefix}…`
}

export const API_KEY_NAME_MAX = 64
