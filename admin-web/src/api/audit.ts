import { client, unwrap } from './request'
import type { AuditLogPage } from './types'

export async function listAuditLogs(query: { limit?: number; cursor?: string }): Promise<AuditLogPage> {
  return unwrap(await client.GET('/api/audit-logs', { params: { query } }))
}
