import type { AuditLog } from '@/api/types'

export const AUDIT_PAGE_SIZE = 50

export const auditColumns = [
  { prop: 'createdAt', label: 'audit.time', width: 170 },
  { prop: 'actorName', label: 'audit.actor', width: 160 },
  { prop: 'action', label: 'audit.action', width: 200 },
  { prop: 'entity', label: 'audit.entity', minWidth: 200 },
] as const

/** "member #12" / "tag" — the object an entry is about. */
export function entityLabel(log: Pick<AuditLog, 'entityType' | 'entityId'>): string {
  return log.entityId ? `${log.entityType} #${log.entityId}` : log.entityType
}

/** Appends a page, skipping rows already shown (a new entry can shift a cursor page). */
export function appendPage(rows: AuditLog[], page: AuditLog[]): AuditLog[] {
  const seen = new Set(rows.map((r) => r.id))
  return [...rows, ...page.filter((r) => !seen.has(r.id))]
}
