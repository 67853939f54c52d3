import { client, unwrap } from './request'
import type { CreateSegmentBody, Segment, SegmentField, SegmentMembersPage, SegmentPreview, UpdateSegmentBody } from './types'

/** Member fields and custom attributes (`attributes.<key>`) a rule can use, with their operators. */
export async function listSegmentFields(): Promise<SegmentField[]> {
  return unwrap(await client.GET('/api/segments/fields'))
}

/** Counts a rule that is not saved yet; a wrong rule is a 400 whose details name the place in the tree. */
export async function previewSegment(rule: Record<string, unknown>, sampleSize = 20): Promise<SegmentPreview> {
  return unwrap(await client.POST('/api/segments/preview', { body: { rule, sampleSize } }))
}

export async function listSegments(): Promise<Segment[]> {
  return unwrap(await client.GET('/api/segments'))
}

export async function getSegment(id: number): Promise<Segment> {
  return unwrap(await client.GET('/api/segments/{id}', { params: { path: { id } } }))
}

export async function createSegment(body: CreateSegmentBody): Promise<Segment> {
  return unwrap(await client.POST('/api/segments', { body }))
}

export async function updateSegment(id: number, body: UpdateSegmentBody): Promise<Segment> {
  return unwrap(await client.PATCH('/api/segments/{id}', { params: { path: { id } }, body }))
}

export async function deleteSegment(id: number): Promise<void> {
  unwrap(await client.DELETE('/api/segments/{id}', { params: { path: { id } } }))
}

/** Counts the segment now; the new count is added to its trend. */
export async function recountSegment(id: number): Promise<Segment> {
  return unwrap(await client.POST('/api/segments/{id}/count', { params: { path: { id } } }))
}

export async function segmentMembers(id: number, limit = 20, cursor?: string | null): Promise<SegmentMembersPage> {
  const query = cursor ? { limit, cursor } : { limit }
  return unwrap(await client.GET('/api/segments/{id}/members', { params: { path: { id }, query } }))
}
