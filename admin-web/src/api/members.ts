import { client, unwrap } from './request'
import type {
  BulkTagsBody,
  CreateMemberBody,
  ExportQuery,
  ImportJob,
  MemberDetail,
  MemberMerge,
  MemberPage,
  MemberWecomStaff,
  MemberQuery,
  UpdateMemberBody,
} from './types'

export async function listMembers(query: MemberQuery): Promise<MemberPage> {
  return unwrap(await client.GET('/api/members', { params: { query } }))
}

export async function getMember(id: number): Promise<MemberDetail> {
  return unwrap(await client.GET('/api/members/{id}', { params: { path: { id } } }))
}

export async function createMember(body: CreateMemberBody): Promise<MemberDetail> {
  return unwrap(await client.POST('/api/members', { body }))
}

export async function updateMember(id: number, body: UpdateMemberBody): Promise<MemberDetail> {
  return unwrap(await client.PATCH('/api/members/{id}', { params: { path: { id } }, body }))
}

export async function addMemberTags(id: number, tagIds: number[]): Promise<MemberDetail> {
  return unwrap(await client.POST('/api/members/{id}/tags', { params: { path: { id } }, body: { tagIds } }))
}

export async function removeMemberTag(id: number, tagId: number): Promise<void> {
  unwrap(await client.DELETE('/api/members/{id}/tags/{tagId}', { params: { path: { id, tagId } } }))
}

export async function bulkTagMembers(body: BulkTagsBody): Promise<{ affected: number }> {
  return unwrap(await client.POST('/api/members/bulk-tags', { body }))
}

/** CSV of all members matching the filters, fetched with the auth header. */
export async function exportMembersCsv(query: ExportQuery): Promise<Blob> {
  return unwrap(await client.GET('/api/members/export.csv', { params: { query }, parseAs: 'blob' }))
}

export async function startMemberImport(file: Blob, filename = 'members.csv'): Promise<{ jobId: string }> {
  const form = new FormData()
  form.append('file', file, filename)
  return unwrap(
    await client.POST('/api/members/import', {
      body: form as never,
      bodySerializer: (body: unknown) => body as FormData,
    }),
  )
}

export async function getImportJob(jobId: string): Promise<ImportJob> {
  return unwrap(await client.GET('/api/members/import/{jobId}', { params: { path: { jobId } } }))
}

export async function downloadImportErrors(jobId: string): Promise<Blob> {
  return unwrap(
    await client.GET('/api/members/import/{jobId}/errors.csv', { params: { path: { jobId } }, parseAs: 'blob' }),
  )
}

/** Merges this member took part in (kept or absorbed), newest first. */
export async function listMemberMerges(id: number): Promise<MemberMerge[]> {
  return unwrap(await client.GET('/api/members/{id}/merges', { params: { path: { id } } }))
}

/** Splits a merge: the absorbed member comes back and is not merged again automatically. */
export async function undoMemberMerge(mergeId: number): Promise<MemberMerge> {
  return unwrap(await client.POST('/api/member-merges/{id}/undo', { params: { path: { id: mergeId } } }))
}

/** WeCom staff who serve (or served) the member. */
export async function listMemberWecomStaff(id: number): Promise<MemberWecomStaff[]> {
  return unwrap(await client.GET('/api/members/{id}/wecom-staff', { params: { path: { id } } }))
}
