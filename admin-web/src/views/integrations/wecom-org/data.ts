import type { AdminUserOption } from './types'
import type { StaffAccountRole, WecomDepartment, WecomStaff, WecomSyncRun, WecomSyncStatus } from '@/api/types'

export const POLL_INTERVAL_MS = 1000

export function isRunFinished(run: Pick<WecomSyncRun, 'status'> | null): boolean {
  return run !== null && (run.status === 'done' || run.status === 'failed')
}

/** 0–100; a finished run shows 100 even if the server rounded down. */
export function runPercent(run: WecomSyncRun | null): number {
  if (!run) return 0
  if (run.status === 'done') return 100
  const raw = Number.isFinite(run.percent) ? run.percent : run.total > 0 ? (run.processed / run.total) * 100 : 0
  return Math.max(0, Math.min(100, Math.round(raw)))
}

export const RUN_STATUS_TAG: Record<WecomSyncStatus, 'info' | 'primary' | 'success' | 'danger'> = {
  queued: 'info',
  running: 'primary',
  done: 'success',
  failed: 'danger',
}

export const RUN_COUNT_KEYS = ['total', 'processed', 'created', 'updated', 'removed', 'failed'] as const

export interface DepartmentNode extends WecomDepartment {
  children?: DepartmentNode[]
}

/**
 * Departments as a tree by WeCom's parent ids, siblings in the server's order. A department whose
 * parent is not listed (the root, or one outside the app's visible range) is a root.
 */
export function departmentTree(departments: WecomDepartment[]): DepartmentNode[] {
  const nodes = new Map<number, DepartmentNode>()
  for (const d of departments) nodes.set(d.deptId, { ...d })
  const roots: DepartmentNode[] = []
  for (const d of departments) {
    const node = nodes.get(d.deptId)!
    const parent = d.parentId !== d.deptId ? nodes.get(d.parentId) : undefined
    if (parent) (parent.children ??= []).push(node)
    else roots.push(node)
  }
  return roots
}

/** "上海南京西路店, 北京三里屯店" for a staff member's WeCom department ids. */
export function departmentNames(ids: number[], departments: WecomDepartment[]): string {
  const byId = new Map(departments.map((d) => [d.deptId, d.name]))
  return ids.map((id) => byId.get(id) ?? `#${id}`).join(', ')
}

/** WeCom member status: 1 active, 2 disabled, 4 not activated, 5 left. */
export type StaffState = 'active' | 'disabled' | 'inactive' | 'left' | 'removed'

export function staffState(staff: Pick<WecomStaff, 'status' | 'removedAt'>): StaffState {
  if (staff.removedAt) return 'removed'
  switch (staff.status) {
    case 1:
      return 'active'
    case 2:
      return 'disabled'
    case 4:
      return 'inactive'
    default:
      return 'left'
  }
}

export const STAFF_STATE_TAG: Record<StaffState, 'success' | 'warning' | 'info' | 'danger'> = {
  active: 'success',
  disabled: 'warning',
  inactive: 'info',
  left: 'info',
  removed: 'danger',
}

export type MappedFilter = 'all' | 'mapped' | 'unmapped'

export function staffQuery(filter: MappedFilter, departmentId: number | null): { mapped?: boolean; departmentId?: number } {
  const query: { mapped?: boolean; departmentId?: number } = {}
  if (filter !== 'all') query.mapped = filter === 'mapped'
  if (departmentId !== null) query.departmentId = departmentId
  return query
}

export const STAFF_ACCOUNT_ROLES: StaffAccountRole[] = ['store_staff', 'store_manager']

/** Admin users a WeCom member may be linked to: store roles first (that is who staff are), then the rest. */
export function adminUserOptions(users: AdminUserOption[]): AdminUserOption[] {
  const rank = (u: AdminUserOption) => (u.role === 'store_staff' || u.role === 'store_manager' ? 0 : 1)
  return [...users].sort((a, b) => rank(a) - rank(b) || a.username.localeCompare(b.username))
}
