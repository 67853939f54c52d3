/**
 * The segment rule as the builder edits it, and its translation to and from the API's rule tree.
 * Each node carries a `uid` (for v-for keys and for pointing a server error at a row); the API tree
 * is the same tree without uids, so `rule.rules[1].value` in a 400 names the same node here.
 */
import type { SegmentField, SegmentFieldType } from '@/api/types'
import { CONSENT_CHANNELS, RELATIONS, RFM_DIMENSIONS, TAG_MATCHES, daysRange, newCondition, newGroup, pickChoices, uid, valueShape } from './rule-model'
import type { ConsentChannel, GroupNode, RelationKind, RfmBand, RuleNode, TagMatch } from './rule-model'
import { eventFromApi, eventToApi, isEventComplete } from './rule-event'

export * from './rule-model'

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
      return isEventComplete(node)
    case 'segment':
      return isInt(node.segmentId, 1, Number.MAX_SAFE_INTEGER)
    case 'relation':
      if (node.relation === 'servedByStore') return isInt(node.storeId, 1, Number.MAX_SAFE_INTEGER)
      if (node.relation === 'consented') return node.channel !== null
      return node.relation === 'addedByStaff' ? node.staffUserId.trim() !== '' : node.appId.trim() !== ''
    case 'rfm':
      if (node.mode === 'group') return node.group !== ''
      return node.mode === 'none' || RFM_DIMENSIONS.some((d) => node[d] !== null)
    case 'lifecycle':
      return node.stages.length > 0
    case 'attribute': {
      const def = fields.get(node.field)
      if (!def || !def.operators.includes(node.operator)) return false
      const v = node.value
      switch (valueShape(node.operator)) {
        case 'none':
          return true
        case 'days':
          return isInt(v, ...daysRange(node.operator))
        case 'picks': {
          const max = pickChoices(node.operator).length
          return Array.isArray(v) && v.length > 0 && v.every((x) => isInt(x, 1, max))
        }
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

function withNot(out: Record<string, unknown>, not: boolean): Record<string, unknown> {
  if (not) out.not = true
  return out
}

/** The API rule tree (call only on a complete node). */
export function toApiRule(node: RuleNode, fields: Map<string, SegmentField>): Record<string, unknown> {
  switch (node.kind) {
    case 'group':
      return withNot({ kind: 'group', op: node.op, rules: node.rules.map((r) => toApiRule(r, fields)) }, node.not)
    case 'tags':
      return { kind: 'tags', match: node.match, tagIds: [...node.tagIds] }
    case 'event':
      return eventToApi(node)
    case 'segment':
      return withNot({ kind: 'segment', segmentId: node.segmentId }, node.not)
    case 'relation': {
      const out: Record<string, unknown> = { kind: 'relation', relation: node.relation }
      if (node.relation === 'servedByStore') return withNot({ ...out, storeId: node.storeId }, node.not)
      if (node.relation === 'consented') return withNot({ ...out, channel: node.channel }, node.not)
      if (node.appId.trim()) out.appId = node.appId.trim()
      if (node.relation === 'addedByStaff') out.staffUserId = node.staffUserId.trim()
      return withNot(out, node.not)
    }
    case 'rfm': {
      const out: Record<string, unknown> = { kind: 'rfm' }
      if (node.mode === 'none') out.group = 'none'
      else if (node.mode === 'group') out.group = node.group
      else for (const d of RFM_DIMENSIONS) if (node[d]) out[d] = node[d]
      return withNot(out, node.not)
    }
    case 'lifecycle':
      return withNot({ kind: 'lifecycle', stages: [...node.stages] }, node.not)
    case 'attribute': {
      const type = fields.get(node.field)?.type
      const out: Record<string, unknown> = { kind: 'attribute', field: node.field, operator: node.operator }
      const shape = valueShape(node.operator)
      if (shape === 'list' || shape === 'range') out.value = (node.value as unknown[]).map((x) => scalarOut(type, x))
      else if (shape === 'picks') out.value = [...(node.value as number[])].sort((a, b) => a - b)
      else if (shape === 'single') out.value = scalarOut(type, node.value)
      else if (shape === 'days') out.value = node.value
      return withNot(out, node.not)
    }
  }
}

const band = (v: unknown): RfmBand | null => (v === 'high' || v === 'low' ? v : null)

/** A stored rule, back into the builder (unknown shapes become empty conditions the user can fix). */
export function fromApiRule(rule: unknown, fields: Map<string, SegmentField>): RuleNode {
  const r = (rule && typeof rule === 'object' ? rule : {}) as Record<string, unknown>
  const not = r.not === true
  switch (r.kind) {
    case 'group':
      return { ...newGroup(r.op === 'or' ? 'or' : 'and', Array.isArray(r.rules) ? r.rules.map((c) => fromApiRule(c, fields)) : []), not }
    case 'tags':
      return { uid: uid(), kind: 'tags', match: TAG_MATCHES.includes(r.match as TagMatch) ? (r.match as TagMatch) : 'any', tagIds: Array.isArray(r.tagIds) ? r.tagIds.map(Number) : [] }
    case 'event':
      return eventFromApi(r)
    case 'segment':
      return { uid: uid(), kind: 'segment', segmentId: typeof r.segmentId === 'number' ? r.segmentId : null, not }
    case 'relation':
      return {
        uid: uid(),
        kind: 'relation',
        relation: RELATIONS.includes(r.relation as RelationKind) ? (r.relation as RelationKind) : 'followsOa',
        appId: typeof r.appId === 'string' ? r.appId : '',
        staffUserId: typeof r.staffUserId === 'string' ? r.staffUserId : '',
        storeId: typeof r.storeId === 'number' ? r.storeId : null,
        channel: CONSENT_CHANNELS.includes(r.channel as ConsentChannel) ? (r.channel as ConsentChannel) : null,
        not,
      }
    case 'rfm': {
      const mode = r.group === 'none' ? 'none' : typeof r.group === 'string' ? 'group' : 'bands'
      return { uid: uid(), kind: 'rfm', mode, group: mode === 'group' ? String(r.group) : '', recency: band(r.recency), frequency: band(r.frequency), monetary: band(r.monetary), not }
    }
    case 'lifecycle':
      return { uid: uid(), kind: 'lifecycle', stages: Array.isArray(r.stages) ? r.stages.map(String) : [], not }
    case 'attribute': {
      const field = typeof r.field === 'string' ? r.field : ''
      const operator = typeof r.operator === 'string' ? r.operator : ''
      const type = fields.get(field)?.type
      const toUi = (x: unknown) => (type === 'datetime' && typeof x === 'string' ? new Date(x) : x)
      const shape = valueShape(operator)
      const value = Array.isArray(r.value) ? (shape === 'picks' ? [...r.value] : r.value.map(toUi)) : shape === 'none' ? null : shape === 'days' ? (r.value ?? null) : toUi(r.value ?? null)
      return { uid: uid(), kind: 'attribute', field, operator, value, not }
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
 * (the deepest node the path reaches; the root group when it names nothing deeper). `prefix` is where
 * the tree sits in the request (`rule`, or `stages[2].rule` for a lifecycle stage). What follows a
 * "(segment N)" is inside that other saved segment's rule, so the segment condition itself is meant.
 */
export function nodeAtPath(root: RuleNode, path: string, prefix = 'rule'): RuleNode {
  let node = root
  const rest = path.startsWith(prefix) ? path.slice(prefix.length).split('(')[0] : ''
  for (const m of rest.matchAll(/(?:^|\.)rules\[(\d+)\]/g)) {
    if (node.kind !== 'group') break
    const child = node.rules[Number(m[1])]
    if (!child) break
    node = child
  }
  return node
}

/** Server error details (field paths) as messages per node uid; details about other fields are left out. */
export function errorsByNode(root: RuleNode, details: { field: string; message: string }[], prefix = 'rule'): Map<number, string> {
  const out = new Map<number, string>()
  for (const d of details) {
    if (d.field !== prefix && !d.field.startsWith(`${prefix}.`) && !d.field.startsWith(`${prefix}[`) && !d.field.startsWith(`${prefix}(`)) continue
    const node = nodeAtPath(root, d.field, prefix)
    out.set(node.uid, out.has(node.uid) ? `${out.get(node.uid)}; ${d.message}` : d.message)
  }
  return out
}

/** A stored rule as the builder's root group; a rule that is one condition is wrapped in an AND group. */
export function treeOf(rule: unknown, fields: Map<string, SegmentField>): { root: GroupNode; wrapped: boolean } {
  const node = fromApiRule(rule, fields)
  return node.kind === 'group' ? { root: node, wrapped: false } : { root: newGroup('and', [node]), wrapped: true }
}

/** The API rule of a root group; a group of one condition, not negated, is sent as that condition (call only on a complete tree). */
export function compactRule(root: GroupNode, fields: Map<string, SegmentField>): Record<string, unknown> {
  const only = root.rules[0]
  return !root.not && root.rules.length === 1 && only.kind !== 'group' ? toApiRule(only, fields) : toApiRule(root, fields)
}

/** Number of conditions (not groups) in the tree. */
export function conditionCount(node: RuleNode): number {
  return node.kind === 'group' ? node.rules.reduce((n, r) => n + conditionCount(r), 0) : 1
}
