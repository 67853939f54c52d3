import { describe, expect, it } from 'vitest'
import type { FollowerImport } from '@/api/types'
import { currentImport, importPercent, isImportFinished } from './followers'

const run = (over: Partial<FollowerImport>): FollowerImport => ({
  id: 1,
  accountId: 1,
  status: 'running',
  percent: 0,
  total: 0,
  processed: 0,
  created: 0,
  matched: 0,
  failed: 0,
  failure: null,
  startedAt: null,
  finishedAt: null,
  createdAt: '2026-11-23T00:00:00.000Z',
  ...over,
})

describe('OA follower import', () => {
  it('shows progress; a completed import is 100%', () => {
    expect(importPercent(null)).toBe(0)
    expect(importPercent(run({ percent: 33.4 }))).toBe(33)
    expect(importPercent(run({ status: 'completed', percent: 99 }))).toBe(100)
    expect(importPercent(run({ percent: Number.NaN, total: 30, processed: 15 }))).toBe(50)
  })

  it('knows when an import is over', () => {
    expect(isImportFinished(null)).toBe(false)
    expect(isImportFinished(run({ status: 'queued' }))).toBe(false)
    expect(isImportFinished(run({ status: 'completed' }))).toBe(true)
    expect(isImportFinished(run({ status: 'failed' }))).toBe(true)
  })

  it('follows the newest import', () => {
    expect(currentImport([])).toBeNull()
    expect(currentImport([run({ id: 3 }), run({ id: 7 }), run({ id: 5 })])?.id).toBe(7)
  })
})
