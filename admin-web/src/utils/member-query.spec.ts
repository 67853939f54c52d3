import { describe, expect, it } from 'vitest'
import {
  DEFAULT_LIMIT,
  buildMemberQuery,
  dayEnd,
  dayStart,
  emptyFilters,
  filtersFromRoute,
  filtersToApi,
  filtersToRoute,
  sortFromTable,
} from './member-query'
import type { MemberFilters } from './member-query'

const full: MemberFilters = {
  q: '  lily ',
  tagId: 7,
  channel: 'miniapp',
  stage: 'active',
  storeId: 2,
  created: ['2026-01-01', '2026-01-31'],
  lastSeen: ['2026-11-01', '2026-11-23'],
}

describe('member query building', () => {
  it('leaves empty filters out and always sends the sort', () => {
    expect(filtersToApi(emptyFilters())).toEqual({ sort: 'createdAt', order: 'desc' })
  })

  it('maps every filter, trimming text and turning days into inclusive ISO bounds', () => {
    const q = filtersToApi(full, { sort: 'points', order: 'asc' })
    expect(q).toEqual({
      q: 'lily',
      tagId: 7,
      channel: 'miniapp',
      stage: 'active',
      storeId: 2,
      createdFrom: dayStart('2026-01-01'),
      createdTo: dayEnd('2026-01-31'),
      lastSeenFrom: dayStart('2026-11-01'),
      lastSeenTo: dayEnd('2026-11-23'),
      sort: 'points',
      order: 'asc',
    })
  })

  it('day bounds cover the whole local day', () => {
    const start = new Date(dayStart('2026-03-05'))
    const end = new Date(dayEnd('2026-03-05'))
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours(), start.getMinutes()]).toEqual([2026, 2, 5, 0, 0])
    expect([end.getDate(), end.getHours(), end.getMinutes(), end.getSeconds()]).toEqual([5, 23, 59, 59])
    expect(end.getTime() - start.getTime()).toBe(24 * 3600 * 1000 - 1)
  })

  it('adds limit and cursor for the list request only when given', () => {
    expect(buildMemberQuery(emptyFilters(), { sort: 'createdAt', order: 'desc' })).toEqual({
      sort: 'createdAt',
      order: 'desc',
      limit: DEFAULT_LIMIT,
    })
    expect(buildMemberQuery(emptyFilters(), { sort: 'nickname', order: 'asc' }, { limit: 50, cursor: 'abc' })).toMatchObject({
      limit: 50,
      cursor: 'abc',
      sort: 'nickname',
    })
    expect(buildMemberQuery(emptyFilters(), { sort: 'createdAt', order: 'desc' }, { cursor: null })).not.toHaveProperty('cursor')
  })

  it('round-trips filters and sort through the URL query', () => {
    const sort = { sort: 'lastSeenAt' as const, order: 'asc' as const }
    const route = filtersToRoute(full, sort)
    expect(route).toMatchObject({ q: 'lily', tagId: '7', createdFrom: '2026-01-01', createdTo: '2026-01-31', sort: 'lastSeenAt' })
    expect(filtersFromRoute(route)).toEqual({ filters: { ...full, q: 'lily' }, sort })
  })

  it('keeps the URL short for the default sort', () => {
    expect(filtersToRoute(emptyFilters(), { sort: 'createdAt', order: 'desc' })).toEqual({})
  })

  it('drops malformed URL values instead of sending them', () => {
    const { filters, sort } = filtersFromRoute({
      tagId: 'abc',
      channel: 'fax',
      stage: ['loyal', 'new'],
      storeId: '',
      createdFrom: '2026-1-1',
      createdTo: '2026-01-31',
      sort: 'password',
      order: 'sideways',
    })
    expect(filters).toEqual({ ...emptyFilters(), stage: 'loyal' })
    expect(sort).toEqual({ sort: 'createdAt', order: 'desc' })
  })

  it('maps Element Plus table sort events to the API sort', () => {
    expect(sortFromTable('points', 'ascending')).toEqual({ sort: 'points', order: 'asc' })
    expect(sortFromTable('nickname', 'descending')).toEqual({ sort: 'nickname', order: 'desc' })
    expect(sortFromTable('points', null)).toEqual({ sort: 'createdAt', order: 'desc' })
    expect(sortFromTable('phoneMasked', 'ascending')).toEqual({ sort: 'createdAt', order: 'desc' })
  })
})
