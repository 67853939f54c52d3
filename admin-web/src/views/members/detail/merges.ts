import { ApiError } from '@/api/request'
import type { Identity, MemberMerge, MemberWecomStaff } from '@/api/types'

/** A member id that was merged away: the server's 404 names the member it joined. */
export interface MergedAway {
  keptMemberId: number
  message: string
}

const MERGED_INTO = /^merged into (\d+)$/

export function mergedAway(e: unknown): MergedAway | null {
  if (!(e instanceof ApiError) || e.status !== 404) return null
  const detail = (e.body?.details ?? []).find((d) => d.field === 'id' && MERGED_INTO.test(d.message))
  if (!detail) return null
  const message = e.body?.message
  return {
    keptMemberId: Number(MERGED_INTO.exec(detail.message)?.[1]),
    message: Array.isArray(message) ? message.join('; ') : (message ?? e.message),
  }
}

/** kept = this member absorbed the other record; absorbed = this member was merged into the other. */
export type MergeRole = 'kept' | 'absorbed'

export function mergeRole(merge: MemberMerge, memberId: number): MergeRole {
  return merge.keptMemberId === memberId ? 'kept' : 'absorbed'
}

/** The other member of the merge, seen from the member whose page is open. */
export function otherMember(merge: MemberMerge, memberId: number): number {
  return merge.keptMemberId === memberId ? merge.mergedMemberId : merge.keptMemberId
}

export type ConsentState = 'given' | 'withdrawn' | 'unknown'

export function consentState(identity: Pick<Identity, 'consent'>): ConsentState {
  if (identity.consent === true) return 'given'
  if (identity.consent === false) return 'withdrawn'
  return 'unknown'
}

export const CONSENT_TAG: Record<ConsentState, 'success' | 'danger' | 'info'> = {
  given: 'success',
  withdrawn: 'danger',
  unknown: 'info',
}

/** "type:value" per moved identity, for a compact cell. */
export function movedIdentities(merge: Pick<MemberMerge, 'identitiesMoved'>): string[] {
  return merge.identitiesMoved.map((i) => `${i.type}:${i.value}`)
}

/** Active relations first (first adder on top), then the ended ones, newest first. */
export function sortStaffRelations(rows: MemberWecomStaff[]): MemberWecomStaff[] {
  const time = (v: string | null) => (v ? Date.parse(v) : 0)
  return [...rows].sort((a, b) => {
    if (a.active !== b.active) return a.active ? -1 : 1
    if (a.first !== b.first) return a.first ? -1 : 1
    return time(b.addedAt) - time(a.addedAt)
  })
}
