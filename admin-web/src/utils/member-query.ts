/**
 * Members list state <-> API query <-> route query. Pure functions (unit-tested), so the list page,
 * the CSV export and the URL all agree on what "the current filters" mean.
 */
import type { Channel, ExportQuery, MemberQuery, SortField, SortOrder, Stage } from '@/api/types'

export const CHANNELS: Channel[] = ['oa', 'miniapp', 'wecom', 'store', 'import', 'manual', 'api']
export const STAGES: Stage[] = ['prospect', 'new', 'active', 'loyal', 'dormant', 'churned']
export const SORT_FIELDS: SortField[] = ['createdAt', 'lastSeenAt', 'points', 'nickname']
export const PAGE_SIZES = [20, 50, 100]
export const DEFAULT_LIMIT = 20

/** Day range as picked in the UI: ['YYYY-MM-DD', 'YYYY-MM-DD'] (inclusive). */
export type DayRange = [string, string] | null

export interface MemberFilters {
  q: string
  tagId: number | null
  channel: Channel | ''
  stage: Stage | ''
  storeId: number | null
  created: DayRange
  lastSeen: DayRange
}

export interface MemberSort {
  sort: SortField
  order: SortOrder
}

export const DEFAULT_SORT: MemberSort = { sort: 'createdAt', order: 'desc' }

export function emptyFilters(): MemberFilters {
  return { q: '', tagId: null, channel: '', stage: '', storeId: null, created: null, lastSeen: null }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Start of a local calendar day as an ISO instant (the server stores UTC). */
export function dayStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d, 0, 0, 0, 0).toISOString()
}

/** End of a local calendar day (inclusive upper bound) as an ISO instant. */
export function dayEnd(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString()
}

/** Filters → API query: empty values are left out, day ranges become ISO bounds. */
export function filtersToApi(filters: MemberFilters, sort: MemberSort = DEFAULT_SORT): ExportQuery {
  const query: ExportQuery = {}
  const q = filters.q.trim()
  if (q) query.q = q
  if (filters.tagId !== null) query.tagId = filters.tagId
  if (filters.channel) query.channel = filters.channel
  if (filters.stage) query.stage = filters.stage
  if (filters.storeId !== null) query.storeId = filters.storeId
  if (filters.created) {
    query.createdFrom = dayStart(filters.created[0])
    query.createdTo = dayEnd(filters.created[1])
  }
  if (filters.lastSeen) {
    query.lastSeenFrom = dayStart(filters.lastSeen[0])
    query.lastSeenTo = dayEnd(filters.lastSeen[1])
  }
  query.sort = sort.sort
  query.order = sort.order
  return query
}

export function buildMemberQuery(
  filters: MemberFilters,
  sort: MemberSort,
  page: { limit?: number; cursor?: string | null } = {},
): MemberQuery {
  const query: MemberQuery = { ...filtersToApi(filters, sort), limit: page.limit ?? DEFAULT_LIMIT }
  if (page.cursor) query.cursor = page.cursor
  return query
}

type RouteQueryValue = string | null | (string | null)[] | undefined

function first(value: RouteQueryValue): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return v === null || v === undefined || v === '' ? undefined : v
}

function toId(value: RouteQueryValue): number | null {
  const v = first(value)
  if (v === undefined || !/^\d+$/.test(v)) return null
  return Number(v)
}

function toRange(from: RouteQueryValue, to: RouteQueryValue): DayRange {
  const a = first(from)
  const b = first(to)
  return a && b && DAY.test(a) && DAY.test(b) ? [a, b] : null
}

/** Filters + sort → the page URL's query (short, human-readable, days not instants). */
export function filtersToRoute(filters: MemberFilters, sort: MemberSort): Record<string, string> {
  const out: Record<string, string> = {}
  const q = filters.q.trim()
  if (q) out.q = q
  if (filters.tagId !== null) out.tagId = String(filters.tagId)
  if (filters.channel) out.channel = filters.channel
  if (filters.stage) out.stage = filters.stage
  if (filters.storeId !== null) out.storeId = String(filters.storeId)
  if (filters.created) [out.createdFrom, out.createdTo] = filters.created
  if (filters.lastSeen) [out.lastSeenFrom, out.lastSeenTo] = filters.lastSeen
  if (sort.sort !== DEFAULT_SORT.sort || sort.order !== DEFAULT_SORT.order) {
    out.sort = sort.sort
    out.order = sort.order
  }
  return out
}

/** The page URL's query → filters + sort; unknown or malformed values are dropped. */
export function filtersFromRoute(query: Record<string, RouteQueryValue>): { filters: MemberFilters; sort: MemberSort } {
  const channel = first(query.channel)
  const stage = first(query.stage)
  const sortField = first(query.sort)
  const order = first(query.order)
  return {
    filters: {
      q: first(query.q) ?? '',
      tagId: toId(query.tagId),
      channel: CHANNELS.includes(channel as Channel) ? (channel as Channel) : '',
      stage: STAGES.includes(stage as Stage) ? (stage as Stage) : '',
      storeId: toId(query.storeId),
      created: toRange(query.createdFrom, query.createdTo),
      lastSeen: toRange(query.lastSeenFrom, query.lastSeenTo),
    },
    sort: {
      sort: SORT_FIELDS.includes(sortField as SortField) ? (sortField as SortField) : DEFAULT_SORT.sort,
      order: order === 'asc' || order === 'desc' ? order : DEFAULT_SORT.order,
    },
  }
}

/** Element Plus table sort event → API sort (null order = back to the default). */
export function sortFromTable(prop: string | null, order: 'ascending' | 'descending' | null): MemberSort {
  if (!order || !prop || !SORT_FIELDS.includes(prop as SortField)) return { ...DEFAULT_SORT }
  return { sort: prop as SortField, order: order === 'ascending' ? 'asc' : 'desc' }
}
