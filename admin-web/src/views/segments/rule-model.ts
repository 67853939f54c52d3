/**
 * The builder's model of a segment rule: one node type per condition kind, how new nodes start, and
 * which value editor an operator calls for. rule.ts translates it to and from the API's rule tree.
 */
import type { SegmentFieldType } from '@/api/types'

export type ConditionKind = 'attribute' | 'tags' | 'event' | 'segment' | 'relation' | 'rfm' | 'lifecycle'
export type GroupOp = 'and' | 'or'
export type TagMatch = 'any' | 'all' | 'none'
export type CountOp = 'atLeast' | 'atMost' | 'exactly'
export type EventWindow = 'ever' | 'lastDays' | 'between'
export type Occurrence = 'first' | 'last'
export type OccurrenceOp = 'before' | 'after' | 'between' | 'inLastDays' | 'notInLastDays'
export type PropertyType = 'string' | 'number' | 'boolean'
export type PropertyOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'contains'
export type RelationKind = 'followsOa' | 'usedMiniapp' | 'addedByStaff' | 'servedByStore' | 'consented'
export type ConsentChannel = 'oa' | 'miniapp' | 'wecom' | 'sms'
export const CONSENT_CHANNELS: ConsentChannel[] = ['oa', 'miniapp', 'wecom', 'sms']
export type RfmMode = 'group' | 'bands' | 'none'
export type RfmBand = 'high' | 'low'
export type RfmDimension = 'recency' | 'frequency' | 'monetary'

export const CONDITION_KINDS: ConditionKind[] = ['attribute', 'tags', 'event', 'segment', 'relation', 'rfm', 'lifecycle']
export const TAG_MATCHES: TagMatch[] = ['any', 'all', 'none']
export const COUNT_OPS: CountOp[] = ['atLeast', 'atMost', 'exactly']
export const EVENT_WINDOWS: EventWindow[] = ['ever', 'lastDays', 'between']
export const OCCURRENCE_OPS: OccurrenceOp[] = ['inLastDays', 'notInLastDays', 'before', 'after', 'between']
export const RELATIONS: RelationKind[] = ['followsOa', 'usedMiniapp', 'addedByStaff', 'servedByStore', 'consented']
export const RFM_MODES: RfmMode[] = ['group', 'bands', 'none']
export const RFM_DIMENSIONS: RfmDimension[] = ['recency', 'frequency', 'monetary']
/** The eight groups in the server's order (R, F, M high/low); labels come from GET /api/segment-layers/rfm. */
export const RFM_GROUPS = ['importantValue', 'importantDevelop', 'importantRetain', 'importantRecall', 'generalValue', 'generalDevelop', 'generalRetain', 'generalRecall'] as const
/** Property operators by the property's type (mirrors the server's event compiler). */
export const PROPERTY_OPS: Record<PropertyType, PropertyOp[]> = {
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in'],
  string: ['eq', 'neq', 'in', 'contains'],
  boolean: ['eq', 'neq'],
}
/** Limits mirrored from the server's rule compiler. */
export const MAX_DAYS = 3650
export const MAX_COUNT = 100_000
export const MAX_PROPERTIES = 10

/** What the value editor of an attribute condition looks like. */
export type ValueShape = 'none' | 'single' | 'list' | 'range' | 'days' | 'picks'

export interface GroupNode {
  uid: number
  kind: 'group'
  op: GroupOp
  not: boolean
  rules: RuleNode[]
}
export interface AttributeNode {
  uid: number
  kind: 'attribute'
  field: string
  operator: string
  /** single: scalar; list: (string|number)[]; range: [from, to]; days: number; picks: number[]; dates as 'YYYY-MM-DD', date-times as Date or ISO text */
  value: unknown
  not: boolean
}
export interface TagsNode {
  uid: number
  kind: 'tags'
  match: TagMatch
  tagIds: number[]
}
export interface PropertyFilter {
  uid: number
  name: string
  type: PropertyType
  operator: PropertyOp
  /** a scalar of `type`, or a list for `in` */
  value: unknown
}
export interface EventNode {
  uid: number
  kind: 'event'
  eventType: string
  did: boolean
  /** null: ever (or between) */
  lastDays: number | null
  /** brand-local days, both included; null: not a date range */
  between: [string, string] | null
  /** null: any number of times */
  countOp: CountOp | null
  countN: number | null
  properties: PropertyFilter[]
  /** set: the rule reads when the first / last such event happened instead of did / count / window */
  occurrence: Occurrence | null
  occOperator: OccurrenceOp
  /** inLastDays / notInLastDays: days; before / after: 'YYYY-MM-DD'; between: ['YYYY-MM-DD', 'YYYY-MM-DD'] */
  occValue: unknown
  not: boolean
}
export interface SegmentRefNode {
  uid: number
  kind: 'segment'
  segmentId: number | null
  not: boolean
}
export interface RelationNode {
  uid: number
  kind: 'relation'
  relation: RelationKind
  /** OA / mini-program appid; for addedByStaff the WeCom corpid ('' = any corp) */
  appId: string
  staffUserId: string
  /** servedByStore: any WeCom staff member of this store */
  storeId: number | null
  /** consented: the channel */
  channel: ConsentChannel | null
  not: boolean
}
export interface RfmNode {
  uid: number
  kind: 'rfm'
  mode: RfmMode
  group: string
  recency: RfmBand | null
  frequency: RfmBand | null
  monetary: RfmBand | null
  not: boolean
}
export interface LifecycleNode {
  uid: number
  kind: 'lifecycle'
  stages: string[]
  not: boolean
}
export type ConditionNode = AttributeNode | TagsNode | EventNode | SegmentRefNode | RelationNode | RfmNode | LifecycleNode
export type RuleNode = GroupNode | ConditionNode

let lastUid = 0
export function uid(): number {
  return ++lastUid
}

export function newGroup(op: GroupOp = 'and', rules: RuleNode[] = []): GroupNode {
  return { uid: uid(), kind: 'group', op, not: false, rules }
}

export function newEvent(id = uid()): EventNode {
  return {
    uid: id,
    kind: 'event',
    eventType: '',
    did: true,
    lastDays: null,
    between: null,
    countOp: null,
    countN: null,
    properties: [],
    occurrence: null,
    occOperator: 'inLastDays',
    occValue: 30,
    not: false,
  }
}

export function newCondition(kind: ConditionKind, keepUid?: number): ConditionNode {
  const id = keepUid ?? uid()
  switch (kind) {
    case 'tags':
      return { uid: id, kind, match: 'any', tagIds: [] }
    case 'event':
      return newEvent(id)
    case 'segment':
      return { uid: id, kind, segmentId: null, not: false }
    case 'relation':
      return { uid: id, kind, relation: 'followsOa', appId: '', staffUserId: '', storeId: null, channel: null, not: false }
    case 'rfm':
      return { uid: id, kind, mode: 'group', group: '', recency: null, frequency: null, monetary: null, not: false }
    case 'lifecycle':
      return { uid: id, kind, stages: [], not: false }
    default:
      return { uid: id, kind: 'attribute', field: '', operator: '', value: null, not: false }
  }
}

export function newProperty(type: PropertyType = 'string', name = ''): PropertyFilter {
  return { uid: uid(), name, type, operator: 'eq', value: type === 'boolean' ? true : null }
}

/** The event condition's time window, as its select shows it. */
export function eventWindow(node: EventNode): EventWindow {
  if (node.between) return 'between'
  return node.lastDays === null ? 'ever' : 'lastDays'
}

const DAYS_OPS: Record<string, [number, number]> = {
  inLastDays: [1, MAX_DAYS],
  notInLastDays: [1, MAX_DAYS],
  inNextDays: [0, MAX_DAYS],
  // 0 = today
  anniversaryInDays: [0, 365],
}
const PICK_OPS: Record<string, number> = { dayOfMonth: 31, dayOfWeek: 7, month: 12 }

export function valueShape(operator: string): ValueShape {
  if (operator === 'isEmpty' || operator === 'isSet') return 'none'
  if (operator === 'in' || operator === 'notIn') return 'list'
  if (operator === 'between') return 'range'
  if (operator in DAYS_OPS) return 'days'
  if (operator in PICK_OPS) return 'picks'
  return 'single'
}

/** [min, max] of a number-of-days operator. */
export function daysRange(operator: string): [number, number] {
  return DAYS_OPS[operator] ?? [1, MAX_DAYS]
}

/** The choices of a pick-list operator: 1-31 (day of month), 1-7 (Monday first), 1-12 (month). */
export function pickChoices(operator: string): number[] {
  return Array.from({ length: PICK_OPS[operator] ?? 0 }, (_, i) => i + 1)
}

/** The value an editor starts from when the field or operator changes. */
export function initialValue(type: SegmentFieldType | undefined, operator: string): unknown {
  switch (valueShape(operator)) {
    case 'none':
      return null
    case 'list':
    case 'picks':
      return []
    case 'range':
      return [null, null]
    case 'days':
      return operator === 'inLastDays' || operator === 'notInLastDays' ? 30 : 7
    default:
      return type === 'boolean' ? true : null
  }
}

/** The value an occurrence operator starts from. */
export function initialOccurrenceValue(operator: OccurrenceOp): unknown {
  if (operator === 'between') return ['', '']
  if (operator === 'before' || operator === 'after') return ''
  return 30
}
