import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/request'
import type { MemberMerge, MemberWecomStaff } from '@/api/types'
import { consentState, mergeRole, mergedAway, movedIdentities, otherMember, sortStaffRelations } from './merges'

const merge: MemberMerge = {
  id: 4,
  keptMemberId: 10,
  mergedMemberId: 12,
  reason: 'unionid',
  identifier: 'oUnion0001',
  identitiesMoved: [{ type: 'mp_openid', appId: 'wxapp', value: 'oMp0001' }],
  eventsMoved: 3,
  mergedBy: 'system',
  mergedAt: '2026-11-23T10:00:00.000Z',
  undoneAt: null,
  undoneBy: null,
}

describe('member merges on the member page', () => {
  it('recognises a merged-away member from the 404 details, not any 404', () => {
    const body = {
      statusCode: 404,
      message: 'member 12 was merged into member 10 (merge #4)',
      details: [{ field: 'id', message: 'merged into 10' }],
    }
    expect(mergedAway(new ApiError(404, body))).toEqual({ keptMemberId: 10, message: 'member 12 was merged into member 10 (merge #4)' })
    expect(mergedAway(new ApiError(404, { statusCode: 404, message: 'member 99 not found' }))).toBeNull()
    expect(mergedAway(new ApiError(409, body))).toBeNull()
    expect(mergedAway(new Error('x'))).toBeNull()
  })

  it('tells the kept side from the absorbed side', () => {
    expect(mergeRole(merge, 10)).toBe('kept')
    expect(otherMember(merge, 10)).toBe(12)
    expect(mergeRole(merge, 12)).toBe('absorbed')
    expect(otherMember(merge, 12)).toBe(10)
    expect(movedIdentities(merge)).toEqual(['mp_openid:oMp0001'])
  })

  it('shows identity consent as given, withdrawn or unknown', () => {
    expect([true, false, null].map((consent) => consentState({ consent }))).toEqual(['given', 'withdrawn', 'unknown'])
  })

  it('lists serving staff first, the first adder on top', () => {
    const row = (staffUserId: string, active: boolean, first: boolean, addedAt: string): MemberWecomStaff => ({
      accountId: 1,
      externalUserId: 'wm1',
      staffUserId,
      staffName: null,
      staffId: null,
      adminUserId: null,
      storeIds: [],
      state: null,
      addWay: null,
      remark: null,
      addedAt,
      removedAt: active ? null : '2026-11-23T00:00:00.000Z',
      removedBy: active ? null : 'staff_deleted',
      active,
      first,
    })
    const sorted = sortStaffRelations([
      row('gone', false, false, '2026-01-03T00:00:00Z'),
      row('late', true, false, '2026-01-02T00:00:00Z'),
      row('first', true, true, '2026-01-01T00:00:00Z'),
    ])
    expect(sorted.map((r) => r.staffUserId)).toEqual(['first', 'late', 'gone'])
  })
})
