import { client, unwrap } from './request'
import type { Tag, TagBody, TagGroup, TagGroupBody, UpdateTagBody, UpdateTagGroupBody } from './types'

export async function listTagGroups(): Promise<TagGroup[]> {
  return unwrap(await client.GET('/api/tag-groups'))
}

export async function createTagGroup(body: TagGroupBody): Promise<TagGroup> {
  return unwrap(await client.POST('/api/tag-groups', { body }))
}

export async function updateTagGroup(id: number, body: UpdateTagGroupBody): Promise<TagGroup> {
  return unwrap(await client.PATCH('/api/tag-groups/{id}', { params: { path: { id } }, body }))
}

export async function deleteTagGroup(id: number): Promise<void> {
  unwrap(await client.DELETE('/api/tag-groups/{id}', { params: { path: { id } } }))
}

export async function listTags(groupId?: number): Promise<Tag[]> {
  const query = groupId === undefined ? {} : { groupId }
  return unwrap(await client.GET('/api/tags', { params: { query } }))
}

export async function createTag(body: TagBody): Promise<Tag> {
  return unwrap(await client.POST('/api/tags', { body }))
}

export async function updateTag(id: number, body: UpdateTagBody): Promise<Tag> {
  return unwrap(await client.PATCH('/api/tags/{id}', { params: { path: { id } }, body }))
}

export async function deleteTag(id: number): Promise<void> {
  unwrap(await client.DELETE('/api/tags/{id}', { params: { path: { id } } }))
}
