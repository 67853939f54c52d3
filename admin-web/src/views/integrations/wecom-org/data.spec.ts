import { describe, expect, it } from 'vitest'
import type { WecomDepartment, WecomSyncRun } from '@/api/types'
import { adminUserOptions, departmentNames, departmentTree, isRunFinished, runPercent, staffQuery, staffState } from './data'

const dept = (deptId: number, parentId: number, name: string): WecomDepartment => ({
  id: deptId + 100,
  accountId: 1,
  deptId,
  parentId,
  name,
  order: 0,
  storeId: null,
  storeName: null,
  storeMappedBy: null,
  staffCount: 0,
  syncedAt: '2026-11-23T00:00:00.000Z',
  removedAt: null,
})

const run = (over: Partial<WecomSyncRun>): WecomSyncRun => ({
  id: 1,
  accountId: 1,
  kind: 'org',
  status: 'running',
  percent: 0,
  total: 0,
  processed: 0,
  created: 0,
  updated: 0,
  removed: 0,
  failed: 0,
  errors: [],
  failure: null,
  startedAt: null,
  finishedAt: null,
  createdAt: '2026-11-23T00:00:00.000Z',
  ...over,
})

describe('WeCom organisation page', () => {
  it('nests departments under their parents, keeping the server order', () => {
    const tree = departmentTree([dept(1, 0, '总部'), dept(2, 1, '上海店'), dept(3, 1, '北京店'), dept(9, 7, '外部')])
    expect(tree.map((d) => d.name)).toEqual(['总部', '外部'])
    expect(tree[0].children?.map((d) => d.name)).toEqual(['上海店', '北京店'])
    expect(tree[1].children).toBeUndefined()
  })

  it('names a member’s departments', () => {
    expect(departmentNames([2, 5], [dept(2, 1, '上海店')])).toBe('上海店, #5')
  })

  it('shows run progress; a finished run is 100%', () => {
    expect(runPercent(null)).toBe(0)
    expect(runPercent(run({ percent: 42.4 }))).toBe(42)
    expect(runPercent(run({ status: 'done', percent: 99 }))).toBe(100)
    expect(isRunFinished(run({ status: 'failed' }))).toBe(true)
    expect(isRunFinished(run({ status: 'queued' }))).toBe(false)
  })

  it('filters staff by mapping and department', () => {
    expect(staffQuery('all', null)).toEqual({})
    expect(staffQuery('mapped', null)).toEqual({ mapped: true })
    expect(staffQuery('unmapped', 3)).toEqual({ mapped: false, departmentId: 3 })
  })

  it('tells WeCom member states apart, removed first', () => {
    expect([1, 2, 4, 5].map((status) => staffState({ status, removedAt: null }))).toEqual(['active', 'disabled', 'inactive', 'left'])
    expect(staffState({ status: 1, removedAt: '2026-11-23T00:00:00.000Z' })).toBe('removed')
  })

  it('offers store accounts first when linking a member', () => {
    const users = [
      { id: 1, username: 'owner', displayName: 'O', role: 'owner' as const, active: true },
      { id: 2, username: 'wang_fang', displayName: '王芳', role: 'store_staff' as const, active: true },
      { id: 3, username: 'li_na', displayName: '李娜', role: 'store_manager' as const, active: true },
    ]
    expect(adminUserOptions(users).map((u) => u.username)).toEqual(['li_na', 'wang_fang', 'owner'])
  })
})
