import { describe, expect, it } from 'vitest'
import type { Tag } from '@/api/types'
import { countByGroup, tagFormToBody, tagFormToUpdateBody, tagToForm, tagsOfGroup } from './data'

const tag = (id: number, groupId: number | null): Tag => ({ id, name: `t${id}`, groupId, color: null, description: null, memberCount: id })

describe('tag management data', () => {
  const tags = [tag(1, 10), tag(2, 10), tag(3, null), tag(4, 20)]

  it('filters tags by group, ungrouped or all', () => {
    expect(tagsOfGroup(tags, 'all')).toHaveLength(4)
    expect(tagsOfGroup(tags, 10).map((t) => t.id)).toEqual([1, 2])
    expect(tagsOfGroup(tags, 'none').map((t) => t.id)).toEqual([3])
  })

  it('counts tags per group', () => {
    const counts = countByGroup(tags)
    expect(counts.get(10)).toBe(2)
    expect(counts.get(null)).toBe(1)
    expect(counts.get(99)).toBeUndefined()
  })

  it('builds the request body without empty optional fields', () => {
    expect(tagFormToBody({ ...tagToForm(null, null), name: ' VIP ', color: '' })).toEqual({ name: 'VIP' })
    expect(tagFormToBody({ name: 'VIP', groupId: 3, color: '#fff', description: ' d ' })).toEqual({
      name: 'VIP',
      groupId: 3,
      color: '#fff',
      description: 'd',
    })
  })

  it('an edit can move a tag out of its group and clear its description', () => {
    expect(tagFormToUpdateBody({ name: 'VIP', groupId: null, color: '#fff', description: '' })).toEqual({
      name: 'VIP',
      groupId: null,
      color: '#fff',
      description: '',
    })
  })
})
