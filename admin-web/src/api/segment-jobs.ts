import { client, unwrap } from './request'
import type { SegmentJob, SegmentJobErrorsPage } from './types'

/** What the identifier column of an imported file holds; auto decides value by value. */
export const IDENTIFIER_KINDS = ['auto', 'memberId', 'phone', 'unionid', 'openid', 'externalUserId'] as const
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number]

export interface SegmentImportFields {
  identifier: IdentifierKind
  /** Header of the column to read; empty: the server finds it by name. */
  column?: string
  /** New segments only. */
  name?: string
  description?: string
}

/** Starts writing the segment's members to a CSV; poll the job, then download its file. */
export async function startSegmentExport(segmentId: number): Promise<SegmentJob> {
  return unwrap(await client.POST('/api/segments/{id}/exports', { params: { path: { id: segmentId } } }))
}

/** Freezes who is in a dynamic segment now as a new static segment; when the job is done its segmentId names it. */
export async function startSegmentSnapshot(segmentId: number, name?: string): Promise<SegmentJob> {
  return unwrap(await client.POST('/api/segments/{id}/snapshots', { params: { path: { id: segmentId } }, body: name ? { name } : {} }))
}

export async function getSegmentJob(jobId: number): Promise<SegmentJob> {
  return unwrap(await client.GET('/api/segment-jobs/{jobId}', { params: { path: { jobId } } }))
}

/** A finished export's CSV, fetched with the auth header. */
export async function downloadSegmentExport(jobId: number): Promise<Blob> {
  return unwrap(await client.GET('/api/segment-jobs/{jobId}/file', { params: { path: { jobId } }, parseAs: 'blob' }))
}

export async function segmentJobErrors(jobId: number, limit = 100, cursor?: string | null): Promise<SegmentJobErrorsPage> {
  const query = cursor ? { limit, cursor } : { limit }
  return unwrap(await client.GET('/api/segment-jobs/{jobId}/errors', { params: { path: { jobId }, query } }))
}

/** Uploads a CSV that makes a new static segment (segmentId null) or adds to an existing static one. */
export async function startSegmentImport(file: Blob, filename: string, fields: SegmentImportFields, segmentId: number | null = null): Promise<SegmentJob> {
  const form = new FormData()
  form.append('file', file, filename)
  for (const [key, value] of Object.entries(fields)) if (value) form.append(key, value)
  const options = { body: form as never, bodySerializer: (body: unknown) => body as FormData }
  return unwrap(
    segmentId === null
      ? await client.POST('/api/segments/imports', options)
      : await client.POST('/api/segments/{id}/imports', { ...options, params: { path: { id: segmentId } } }),
  )
}
