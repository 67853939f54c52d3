/**
 * The segment rule as the builder edits it, and its translation to and from the API's rule tree.
 * Each node carries a `uid` (for v-for keys and for pointing a server error at a row); the API tree
 * is the same tree without uids, so `rule.rules[1].value` in a 400 names the same node here.
 */
import type { SegmentField, SegmentFieldType } from '@/api/types'

export type ConditionKind = 'attribute' | 'tags' | 'event'
export type GroupOp = 'and' | 'or'
export type TagMatch = 'any' | 'all' | 'none'
export type CountOp = 'atLeast' | 'atMost' | 'exactly'

export const CONDITION_KINDS: ConditionKind[] = ['attribute', 'tags', 'event']
export const TAG_MATCHES: TagMatch[] = ['any', 'all', 'none']
export const COUNT_OPS: CountOp[] = ['atLeast', 'atMost', 'exactly']
/** Limits mirrored from the server's rule compiler. */
export const MAX_DAYS = 3650
export const MAX_COUNT = 100_000

/** What the value editor of an attribute condition looks like. */
export type ValueShape = 'none' | 'single' | 'list' | 'range' | 'days'

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
  /** single: scalar; list: (string|number)[]; range: [from, to]; days: number; dates as 'YYYY-MM-DD', date-times as Date or ISO text */
  value: unknown
  not: boolean
}
export interface TagsNode {
  uid: number
  kind: 'tags'
  match: TagMatch
  tagIds: number[]
}
export interface EventNode {
  uid: number
  kind: 'event'
  eventType: string
  did: boolean
  /** null: ever */
  lastDays: number | null
  /** null: any number of times */
  countOp: CountOp | null
  countN: number | null
  not: boolean
}
export type ConditionNode = AttributeNode | TagsNode | EventNode
export type RuleNode = GroupNode | ConditionNode

let lastUid = 0
function uid(): number {
  return ++lastUid
}

export function newGroup(op: GroupOp = 'and', rules: RuleNode[] = []): GroupNode {
  return { uid: uid(), kind: 'group', op, not: false, rules }
}

export function newCondition(kind: ConditionKind, keepUid?: number): ConditionNode {
  const id = keepUid ?? uid()
  if (kind === 'tags') return { uid: id, kind, match: 'any', tagIds: [] }
  if (kind === 'event') return { uid: id, kind, eventType: '', did: true, lastDays: null, countOp: null, countN: null, not: false }
  return { uid: id, kind, field: '', operator: '', value: null, not: false }
}

export function valueShape(operator: string): ValueShape {
  if (operator === 'isEmpty' || operator === 'isSet') return 'none'
  if (operator === 'in' || operator === 'notIn') return 'list'
  if (operator === 'between') return 'range'
  if (operator === 'inLastDays') return 'days'
  return 'single'
}

/** The value an editor starts from when the field or operator changes. */
export function initialValue(type: SegmentFieldType | undefined, operator: string): unknown {
  switch (valueShape(operator)) {
    case 'none':
      return null
    case 'list':
      return []
    case 'range':
      return [null, null]
    case 'days':
      return 30
    default:
      return type === 'boolean' ? true : null
  }
}

function isInt(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max
}

function scalarReady(type: SegmentFieldType, v: unknown): boolean {
  if (type === 'boolean') return typeof v === 'boolean'
  if (type === 'number') return typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
  if (type === 'datetime') return (v instanceof Date && !Number.isNaN(v.getTime())) || (typeof v === 'string' && !Number.isNaN(Date.parse(v)))
  return typeof v === 'string' && v !== ''
}

/** True when the node (and everything under it) can be sent: no empty pickers or half-filled values. */
export function isComplete(node: RuleNode, fields: Map<string, SegmentField>): boolean {
  switch (node.kind) {
    case 'group':
      return node.rules.length > 0 && node.rules.every((r) => isComplete(r, fields))
    case 'tags':
      return node.tagIds.length > 0
    case 'event':
      if (!node.eventType) return false
      if (node.lastDays !== null && !isInt(node.lastDays, 1, MAX_DAYS)) return false
      return !node.did || node.countOp === null || isInt(node.countN, 0, MAX_COUNT)
    case 'attribute': {
      const def = fields.get(node.field)
      if (!def || !def.operators.includes(node.operator)) return false
      const v = node.value
      switch (valueShape(node.operator)) {
        case 'none':
          return true
        case 'days':
          return isInt(v, 1, MAX_DAYS)
        case 'list':
          return Array.isArray(v) && v.length > 0 && v.every((x) => scalarReady(def.type, x))
        case 'range':
          return Array.isArray(v) && v.length === 2 && v.every((x) => scalarReady(def.type, x))
        default:
          return scalarReady(def.type, v)
      }
    }
  }
}

function scalarOut(type: SegmentFieldType | undefined, v: unknown): unknown {
  if (type === 'number') return typeof v === 'string' ? Number(v) : v
  if (type === 'datetime') return new Date(v as string | Date).toISOString()
  return v
}

/** The API rule tree (call only on a complete node). */
export function toApiRule(node: RuleNode, fields: Map<string, SegmentField>): Record<string, unknown> {
  switch (node.kind) {
    case 'group': {
      const out: Record<string, unknown> = { kind: 'group', op: node.op, rules: node.rules.map((r) => toApiRule(r, fields)) }
      if (node.not) out.not = true
      return out
    }
    case 'tags':
      return { kind: 'tags', match: node.match, tagIds: [...node.tagIds] }
    case 'event': {
      const out: Record<string, unknown> = { kind: 'event', eventType: node.eventType, did: node.did }
      if (node.lastDays !== null) out.lastDays = node.lastDays
      if (node.did && node.countOp !== null) out.count = { op: node.countOp, n: node.countN }
      if (node.not) out.not = true
      return out
    }
    case 'attribute': {
      const type = fields.get(node.field)?.type
      const out: Record<string, unknown> = { kind: 'attribute', field: node.field, operator: node.operator }
      const shape = valueShape(node.operator)
      if (shape === 'list' || shape === 'range') out.value = (node.value as unknown[]).map((x) => scalarOut(type, x))
      else if (shape === 'single') out.value = scalarOut(type, node.value)
      else if (shape === 'days') out.value = node.value
      if (node.not) out.not = true
      return out
    }
  }
}

/** A stored rule, back into the builder (unknown shapes become empty conditions the user can fix). */
export function fromApiRule(rule: unknown, fields: Map<string, SegmentField>): RuleNode {
  const r = (rule && typeof rule === 'object' ? rule : {}) as Record<string, unknown>
  switch (r.kind) {
    case 'group':
      return { ...newGroup(r.op === 'or' ? 'or' : 'and', Array.isArray(r.rules) ? r.rules.map((c) => fromApiRule(c, fields)) : []), not: r.not === true }
    case 'tags':
      return { uid: uid(), kind: 'tags', match: TAG_MATCHES.includes(r.match as TagMatch) ? (r.match as TagMatch) : 'any', tagIds: Array.isArray(r.tagIds) ? r.tagIds.map(Number) : [] }
    case 'event': {
      const count = (r.count ?? null) as { op?: CountOp; n?: number } | null
      return {
        uid: uid(),
        kind: 'event',
        eventType: typeof r.eventType === 'string' ? r.eventType : '',
        did: r.did !== false,
        lastDays: typeof r.lastDays === 'number' ? r.lastDays : null,
        countOp: count?.op && COUNT_OPS.includes(count.op) ? count.op : null,
        countN: typeof count?.n === 'number' ? count.n : null,
        not: r.not === true,
      }
    }
    case 'attribute': {
      const field = typeof r.field === 'string' ? r.field : ''
      const operator = typeof r.operator === 'string' ? r.operator : ''
      const type = fields.get(field)?.type
      const toUi = (x: unknown) => (type === 'datetime' && typeof x === 'string' ? new Date(x) : x)
      const value = Array.isArray(r.value) ? r.value.map(toUi) : valueShape(operator) === 'none' ? null : toUi(r.value ?? null)
      return { uid: uid(), kind: 'attribute', field, operator, value, not: r.not === true }
    }
    default:
      return newCondition('attribute')
  }
}

export function findNode(root: RuleNode, id: number): RuleNode | null {
  if (root.uid === id) return root
  if (root.kind !== 'group') return null
  for (const child of root.rules) {
    const hit = findNode(child, id)
    if (hit) return hit
  }
  return null
}

export function findParent(root: GroupNode, id: number): GroupNode | null {
  for (const child of root.rules) {
    if (child.uid === id) return root
    if (child.kind === 'group') {
      const hit = findParent(child, id)
      if (hit) return hit
    }
  }
  return null
}

/**
 * Which node a server error path names: `rule.rules[1].rules[0].value` → the node at rules[1].rules[0]
 * (the deepest node the path reaches; the root group when it names nothing deeper).
 */
export function nodeAtPath(root: RuleNode, path: string): RuleNode {
  let node = root
  const rest = path.replace(/^rule\.?/, '')
  for (const m of rest.matchAll(/(?:^|\.)rules\[(\d+)\]/g)) {
    if (node.kind !== 'group') break
    const child = node.rules[Number(m[1])]
    if (!child) break
    node = child
  }
  return node
}

/** Server error details (field paths) as messages per node uid. */
export function errorsByNode(root: RuleNode, details: { field: string; message: string }[]): Map<number, string> {
  const out = new Map<number, string>()
  for (const d of details) {
    if (d.field !== 'rule' && !d.field.startsWith('rule.') && !d.field.startsWith('rule[')) continue
    const node = nodeAtPath(root, d.field)
    out.set(node.uid, out.has(node.uid) ? `${out.get(node.uid)}; ${d.message}` : d.message)
  }
  return out
}

/** Number of conditions (not groups) in the tree. */
export function conditionCount(node: RuleNode): number {
  return node.kind === 'group' ? node.rules.reduce((n, r) => n + conditionCount(r), 0) : 1
}
