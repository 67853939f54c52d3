import type { Tag, TagBody, TagGroup, TagGroupBody, UpdateTagBody } from '@/api/types'

/** Left-hand list: every group plus the pseudo-groups "all" and "ungrouped". */
export type GroupKey = number | 'all' | 'none'

export function tagsOfGroup(tags: Tag[], key: GroupKey): Tag[] {
  if (key === 'all') return tags
  if (key === 'none') return tags.filter((t) => t.groupId === null)
  return tags.filter((t) => t.groupId === key)
}

export function countByGroup(tags: Tag[]): Map<number | null, number> {
  const counts = new Map<number | null, number>()
  for (const t of tags) counts.set(t.groupId, (counts.get(t.groupId) ?? 0) + 1)
  return counts
}

export const tagColumns = [
  { prop: 'name', label: 'tags.tagName', minWidth: 160 },
  { prop: 'groupId', label: 'tags.group', width: 160 },
  { prop: 'description', label: 'common.labels.description', minWidth: 200 },
  { prop: 'memberCount', label: 'tags.memberCount', width: 110 },
]

export const PRESET_COLORS = ['#409EFF', '#67C23A', '#E6A23C', '#F56C6C', '#909399', '#8E44AD', '#16A085', '#D35400']

export interface TagForm {
  name: string
  groupId: number | null
  color: string
  description: string
}

export function tagToForm(tag: Tag | null, groupId: number | null): TagForm {
  return tag
    ? { name: tag.name, groupId: tag.groupId, color: tag.color ?? '', description: tag.description ?? '' }
    : { name: '', groupId, color: PRESET_COLORS[0], description: '' }
}

export function tagFormToBody(form: TagForm): TagBody {
  const body: TagBody = { name: form.name.trim() }
  if (form.groupId !== null) body.groupId = form.groupId
  if (form.color) body.color = form.color
  if (form.description.trim()) body.description = form.description.trim()
  return body
}

/** PATCH body: unlike create, a cleared group is sent as null (moves the tag to "ungrouped"). */
export function tagFormToUpdateBody(form: TagForm): UpdateTagBody {
  return { ...tagFormToBody(form), groupId: form.groupId, description: form.description.trim() }
}

export interface GroupForm {
  name: string
  description: string
}

export function groupToForm(group: TagGroup | null): GroupForm {
  return { name: group?.name ?? '', description: group?.description ?? '' }
}

export function groupFormToBody(form: GroupForm): TagGroupBody {
  const body: TagGroupBody = { name: form.name.trim() }
  if (form.description.trim()) body.description = form.description.trim()
  return body
}
