import { client, unwrap } from './request'
import type { CreateTagLinkBody, Tag, TagBody, TagGroup, TagGroupBody, TagLink, UpdateTagBody, UpdateTagGroupBody, WechatTag } from './types'

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

/** WeChat tags (OA user tags, WeCom corp tags) the tag is kept in step with. */
export async function listTagLinks(tagId: number): Promise<TagLink[]> {
  return unwrap(await client.GET('/api/tags/{id}/links', { params: { path: { id: tagId } } }))
}

/** Without externalTagId the server creates (or finds) a WeChat tag named like ours; a first sync follows in the background. */
export async function linkTag(tagId: number, body: CreateTagLinkBody): Promise<TagLink> {
  return unwrap(await client.POST('/api/tags/{id}/links', { params: { path: { id: tagId } }, body }))
}

/** Queues a two-way sync; its outcome lands on the link (lastSyncedAt / lastResult / lastError). */
export async function syncTagLink(tagId: number, linkId: number): Promise<TagLink> {
  return unwrap(await client.POST('/api/tags/{id}/links/{linkId}/sync', { params: { path: { id: tagId, linkId } } }))
}

export async function unlinkTag(tagId: number, linkId: number): Promise<void> {
  unwrap(await client.DELETE('/api/tags/{id}/links/{linkId}', { params: { path: { id: tagId, linkId } } }))
}

/** The account's own tags as WeChat lists them (OA and WeCom accounts only). */
export async function listWechatTags(accountId: number): Promise<WechatTag[]> {
  return unwrap(await client.GET('/api/channels/{accountId}/wechat-tags', { params: { path: { accountId } } }))
}
