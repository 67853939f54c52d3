import type { AttributeDefinition, MemberDetail } from '@/api/types'
import { formatBirthday, formatDateTime, orDash } from '@/utils/format'

type Translate = (key: string) => string
type StoreName = (id: number | null) => string

/** Profile rows as data: label key + how to show the value. */
export function profileItems(m: MemberDetail, t: Translate, storeName: StoreName): { label: string; value: string }[] {
  return [
    { label: 'members.columns.phone', value: orDash(m.phoneMasked) },
    { label: 'members.columns.gender', value: t(`members.gender.${m.gender}`) },
    { label: 'members.detail.birthday', value: formatBirthday(m.birthday) },
    { label: 'members.columns.region', value: [m.province, m.city].filter(Boolean).join(' ') || '—' },
    { label: 'members.columns.channel', value: t(`members.channel.${m.sourceChannel}`) },
    { label: 'members.columns.stage', value: t(`members.stage.${m.lifecycleStage}`) },
    { label: 'members.columns.level', value: orDash(m.level) },
    { label: 'members.columns.points', value: orDash(m.points) },
    { label: 'members.columns.store', value: storeName(m.storeId) },
    { label: 'members.detail.firstSeenAt', value: formatDateTime(m.firstSeenAt) },
    { label: 'members.detail.lastSeenAt', value: formatDateTime(m.lastSeenAt) },
    { label: 'members.detail.createdAt', value: formatDateTime(m.createdAt) },
  ].map((row) => ({ ...row, label: t(row.label) }))
}

export const CONSENT_KEYS = ['oa', 'miniapp', 'wecom', 'sms'] as const

export const identityColumns = [
  { prop: 'type', label: 'members.identity.type', width: 180 },
  { prop: 'appId', label: 'members.identity.appId', width: 200 },
  { prop: 'value', label: 'members.identity.value' },
  { prop: 'consent', label: 'members.identity.consent', width: 160 },
  { prop: 'createdAt', label: 'members.identity.createdAt', width: 170 },
]

export type AttributeValue = string | number | boolean | null

/** An attribute row: its definition (absent for keys the server returns without one) and value. */
export interface AttributeRow {
  key: string
  label: string
  definition: AttributeDefinition | null
  value: AttributeValue
}

export function attributeRows(defs: AttributeDefinition[], values: Record<string, AttributeValue>): AttributeRow[] {
  const rows: AttributeRow[] = defs.map((d) => ({ key: d.key, label: d.label, definition: d, value: values[d.key] ?? null }))
  const known = new Set(defs.map((d) => d.key))
  for (const [key, value] of Object.entries(values)) {
    if (!known.has(key)) rows.push({ key, label: key, definition: null, value })
  }
  return rows
}

/** Value typed for the definition, or null when empty / not parseable. */
export function coerceAttribute(type: AttributeDefinition['type'], raw: unknown): AttributeValue {
  if (raw === null || raw === undefined || raw === '') return null
  switch (type) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(raw)
      return Number.isFinite(n) ? n : null
    }
    case 'boolean':
      return raw === true || raw === 'true'
    default:
      return String(raw)
  }
}
