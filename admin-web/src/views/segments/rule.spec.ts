import { describe, expect, it } from 'vitest'
import type { SegmentField } from '@/api/types'
import { compactRule, conditionCount, errorsByNode, fromApiRule, initialValue, isComplete, newCondition, newGroup, newProperty, nodeAtPath, toApiRule, treeOf, valueShape } from './rule'
import type { AttributeNode, EventNode, GroupNode, LifecycleNode, RelationNode, RfmNode, SegmentRefNode, TagsNode } from './rule'

const FIELDS = new Map<string, SegmentField>(
  [
    { field: 'city', type: 'string', options: null, operators: ['eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty', 'isSet'] },
    { field: 'points', type: 'number', options: null, operators: ['eq', 'gt', 'between', 'in', 'isEmpty'] },
    { field: 'gender', type: 'enum', options: ['unknown', 'male', 'female'], operators: ['eq', 'in'] },
    { field: 'lastSeenAt', type: 'datetime', options: null, operators: ['before', 'after', 'between', 'inLastDays'] },
    { field: 'attributes.birthday', type: 'date', options: null, operators: ['eq', 'between'] },
    { field: 'consentSms', type: 'boolean', options: null, operators: ['eq', 'isSet'] },
    { field: 'birthday', type: 'date', options: null, operators: ['anniversaryInDays', 'month', 'isSet', 'isEmpty'] },
    { field: 'createdAt', type: 'datetime', options: null, operators: ['inLastDays', 'notInLastDays', 'inNextDays', 'dayOfMonth', 'dayOfWeek', 'month', 'anniversaryInDays'] },
    { field: 'storeId', type: 'number', options: null, operators: ['eq', 'in'] },
    { field: 'leadStage', type: 'enum', options: ['cold', 'warm', 'hot', 'qualified'], operators: ['eq', 'in'] },
  ].map((f) => [f.field, f as SegmentField]),
)

function attr(field: string, operator: string, value: unknown): AttributeNode {
  return { ...(newCondition('attribute') as AttributeNode), field, operator, value }
}

describe('rule completeness', () => {
  it('needs a field, an operator the field has, and a value of the right shape', () => {
    expect(isComplete(newCondition('attribute'), FIELDS)).toBe(false)
    expect(isComplete(attr('city', 'eq', ''), FIELDS)).toBe(false)
    expect(isComplete(attr('city', 'eq', '上海'), FIELDS)).toBe(true)
    expect(isComplete(attr('city', 'gt', '上海'), FIELDS)).toBe(false)
    expect(isComplete(attr('city', 'isEmpty', null), FIELDS)).toBe(true)
    expect(isComplete(attr('points', 'between', [1, null]), FIELDS)).toBe(false)
    expect(isComplete(attr('points', 'between', [1, 5]), FIELDS)).toBe(true)
    expect(isComplete(attr('points', 'in', []), FIELDS)).toBe(false)
    expect(isComplete(attr('points', 'in', [1, 'x']), FIELDS)).toBe(false)
    expect(isComplete(attr('lastSeenAt', 'inLastDays', 0), FIELDS)).toBe(false)
    expect(isComplete(attr('lastSeenAt', 'inLastDays', 7.5), FIELDS)).toBe(false)
    expect(isComplete(attr('lastSeenAt', 'inLastDays', 7), FIELDS)).toBe(true)
    expect(isComplete(attr('consentSms', 'eq', false), FIELDS)).toBe(true)
  })

  it('needs tags, an event type, and whole numbers for days and counts', () => {
    expect(isComplete(newCondition('tags'), FIELDS)).toBe(false)
    expect(isComplete({ ...(newCondition('tags') as TagsNode), tagIds: [3] }, FIELDS)).toBe(true)
    const ev = newCondition('event') as EventNode
    expect(isComplete(ev, FIELDS)).toBe(false)
    expect(isComplete({ ...ev, eventType: 'pay.paid' }, FIELDS)).toBe(true)
    expect(isComplete({ ...ev, eventType: 'pay.paid', lastDays: 0 }, FIELDS)).toBe(false)
    expect(isComplete({ ...ev, eventType: 'pay.paid', countOp: 'atLeast', countN: null }, FIELDS)).toBe(false)
    expect(isComplete({ ...ev, eventType: 'pay.paid', countOp: 'atLeast', countN: 2 }, FIELDS)).toBe(true)
  })

  it('needs every condition of every group, and no empty group', () => {
    expect(isComplete(newGroup(), FIELDS)).toBe(false)
    expect(isComplete(newGroup('and', [attr('city', 'eq', 'x'), newGroup()]), FIELDS)).toBe(false)
    expect(isComplete(newGroup('and', [attr('city', 'eq', 'x'), newGroup('or', [attr('points', 'gt', 3)])]), FIELDS)).toBe(true)
  })
})

describe('API rule tree', () => {
  it('drops uids and sends only what the operator takes, typed', () => {
    const when = new Date('2026-11-01T08:00:00.000Z')
    const root = newGroup('and', [
      attr('city', 'eq', '上海'),
      attr('points', 'in', ['5', 7]),
      attr('lastSeenAt', 'after', when),
      attr('city', 'isSet', 'left over'),
      { ...(newCondition('tags') as TagsNode), match: 'all', tagIds: [1, 2] },
      { ...(newCondition('event') as EventNode), eventType: 'pay.paid', did: false, lastDays: 60, countOp: 'atLeast', countN: 2 },
      { ...newGroup('or', [attr('gender', 'eq', 'female')]), not: true },
    ])
    expect(toApiRule(root, FIELDS)).toEqual({
      kind: 'group',
      op: 'and',
      rules: [
        { kind: 'attribute', field: 'city', operator: 'eq', value: '上海' },
        { kind: 'attribute', field: 'points', operator: 'in', value: [5, 7] },
        { kind: 'attribute', field: 'lastSeenAt', operator: 'after', value: '2026-11-01T08:00:00.000Z' },
        { kind: 'attribute', field: 'city', operator: 'isSet' },
        { kind: 'tags', match: 'all', tagIds: [1, 2] },
        { kind: 'event', eventType: 'pay.paid', did: false, lastDays: 60 },
        { kind: 'group', op: 'or', not: true, rules: [{ kind: 'attribute', field: 'gender', operator: 'eq', value: 'female' }] },
      ],
    })
  })

  it('round-trips a stored rule', () => {
    const stored = {
      kind: 'group',
      op: 'or',
      rules: [
        { kind: 'attribute', field: 'attributes.birthday', operator: 'between', value: ['2000-01-01', '2000-12-31'], not: true },
        { kind: 'attribute', field: 'lastSeenAt', operator: 'before', value: '2026-01-01T00:00:00.000Z' },
        { kind: 'event', eventType: 'mp.visit', did: true, count: { op: 'exactly', n: 3 } },
        { kind: 'tags', match: 'none', tagIds: [9] },
      ],
    }
    const node = fromApiRule(stored, FIELDS)
    expect(isComplete(node, FIELDS)).toBe(true)
    expect(toApiRule(node, FIELDS)).toEqual(stored)
    expect(conditionCount(node)).toBe(4)
  })
})

describe('server errors on the builder', () => {
  const inner = attr('points', 'gt', 3)
  const root: GroupNode = newGroup('and', [attr('city', 'eq', 'x'), newGroup('or', [attr('city', 'eq', 'y'), inner])])

  it('finds the node a path names', () => {
    expect(nodeAtPath(root, 'rule.rules[1].rules[1].value')).toBe(inner)
    expect(nodeAtPath(root, 'rule.rules[0].operator')).toBe(root.rules[0])
    expect(nodeAtPath(root, 'rule.rules')).toBe(root)
    expect(nodeAtPath(root, 'rule.rules[7].value')).toBe(root)
  })

  it('collects the messages per node and ignores details about other fields', () => {
    const map = errorsByNode(root, [
      { field: 'rule.rules[1].rules[1].value', message: 'must be a number' },
      { field: 'rule.rules[1].rules[1].operator', message: 'no such operator' },
      { field: 'sampleSize', message: 'too big' },
    ])
    expect([...map.entries()]).toEqual([[inner.uid, 'must be a number; no such operator']])
  })
})

describe('value editors', () => {
  it('follow the operator', () => {
    expect(['isEmpty', 'isSet', 'in', 'notIn', 'between', 'inLastDays', 'eq', 'before'].map(valueShape)).toEqual([
      'none',
      'none',
      'list',
      'list',
      'range',
      'days',
      'single',
      'single',
    ])
  })
})

describe('calendar operators', () => {
  it('take days (0 allowed where it means today) or picks from a calendar list', () => {
    expect(['notInLastDays', 'inNextDays', 'anniversaryInDays', 'dayOfMonth', 'dayOfWeek', 'month'].map(valueShape)).toEqual(['days', 'days', 'days', 'picks', 'picks', 'picks'])
    expect(initialValue('datetime', 'dayOfWeek')).toEqual([])
    expect(isComplete(attr('createdAt', 'notInLastDays', 0), FIELDS)).toBe(false)
    expect(isComplete(attr('createdAt', 'inNextDays', 0), FIELDS)).toBe(true)
    expect(isComplete(attr('birthday', 'anniversaryInDays', 0), FIELDS)).toBe(true)
    expect(isComplete(attr('birthday', 'anniversaryInDays', 366), FIELDS)).toBe(false)
    expect(isComplete(attr('createdAt', 'dayOfWeek', []), FIELDS)).toBe(false)
    expect(isComplete(attr('createdAt', 'dayOfWeek', [1, 8]), FIELDS)).toBe(false)
    expect(isComplete(attr('createdAt', 'dayOfMonth', [31]), FIELDS)).toBe(true)
    expect(isComplete(attr('birthday', 'month', [13]), FIELDS)).toBe(false)
  })

  it('send whole numbers, picks in calendar order, and round-trip', () => {
    const root = newGroup('and', [
      attr('birthday', 'anniversaryInDays', 0),
      attr('createdAt', 'dayOfWeek', [7, 1, 6]),
      attr('createdAt', 'notInLastDays', 90),
      attr('birthday', 'month', [12]),
      attr('storeId', 'in', [3, 5]),
      attr('leadStage', 'eq', 'hot'),
    ])
    const api = toApiRule(root, FIELDS)
    expect(api.rules).toEqual([
      { kind: 'attribute', field: 'birthday', operator: 'anniversaryInDays', value: 0 },
      { kind: 'attribute', field: 'createdAt', operator: 'dayOfWeek', value: [1, 6, 7] },
      { kind: 'attribute', field: 'createdAt', operator: 'notInLastDays', value: 90 },
      { kind: 'attribute', field: 'birthday', operator: 'month', value: [12] },
      { kind: 'attribute', field: 'storeId', operator: 'in', value: [3, 5] },
      { kind: 'attribute', field: 'leadStage', operator: 'eq', value: 'hot' },
    ])
    expect(toApiRule(fromApiRule(api, FIELDS), FIELDS)).toEqual(api)
  })
})

describe('event conditions', () => {
  const ev = (patch: Partial<EventNode>): EventNode => ({ ...(newCondition('event') as EventNode), eventType: 'pay.paid', ...patch })

  it('choose ever, the last N days or two dates', () => {
    expect(toApiRule(ev({}), FIELDS)).toEqual({ kind: 'event', eventType: 'pay.paid', did: true })
    expect(toApiRule(ev({ lastDays: 7 }), FIELDS)).toEqual({ kind: 'event', eventType: 'pay.paid', did: true, lastDays: 7 })
    const between = ev({ between: ['2026-01-01', '2026-03-31'], countOp: 'atLeast', countN: 2, not: true })
    expect(toApiRule(between, FIELDS)).toEqual({ kind: 'event', eventType: 'pay.paid', did: true, between: ['2026-01-01', '2026-03-31'], count: { op: 'atLeast', n: 2 }, not: true })
    expect(isComplete(ev({ between: ['', ''] }), FIELDS)).toBe(false)
    expect(isComplete(ev({ between: ['2026-03-01', '2026-01-01'] }), FIELDS)).toBe(false)
    expect(isComplete(ev({ between: ['2026-02-30', '2026-03-01'] }), FIELDS)).toBe(false)
    // a cleared "last N days" box stays in that mode, incomplete
    expect(isComplete(ev({ lastDays: 0 }), FIELDS)).toBe(false)
  })

  it('filter on typed properties', () => {
    const amount = { ...newProperty('number', 'amount'), operator: 'gte' as const, value: 10000 }
    const scene = { ...newProperty('string', 'scene'), operator: 'in' as const, value: ['store_12', 'store_13'] }
    const flag = { ...newProperty('boolean', 'first'), value: false }
    const node = ev({ properties: [amount, scene, flag] })
    expect(isComplete(node, FIELDS)).toBe(true)
    expect(toApiRule(node, FIELDS)).toEqual({
      kind: 'event',
      eventType: 'pay.paid',
      did: true,
      properties: [
        { name: 'amount', operator: 'gte', value: 10000 },
        { name: 'scene', operator: 'in', value: ['store_12', 'store_13'] },
        { name: 'first', operator: 'eq', value: false },
      ],
    })
    expect(isComplete(ev({ properties: [{ ...amount, value: null }] }), FIELDS)).toBe(false)
    expect(isComplete(ev({ properties: [{ ...amount, name: '' }] }), FIELDS)).toBe(false)
    expect(isComplete(ev({ properties: [{ ...scene, operator: 'gt' }] }), FIELDS)).toBe(false)
    // stored numbers come back as number filters
    const back = fromApiRule(toApiRule(node, FIELDS), FIELDS) as EventNode
    expect(back.properties.map((p) => p.type)).toEqual(['number', 'string', 'boolean'])
  })

  it('read when the first or last one happened instead', () => {
    const last = ev({ occurrence: 'last', occOperator: 'notInLastDays', occValue: 60, countOp: 'atLeast', countN: 3, lastDays: 7 })
    expect(toApiRule(last, FIELDS)).toEqual({ kind: 'event', eventType: 'pay.paid', occurrence: 'last', operator: 'notInLastDays', value: 60 })
    const first = ev({ occurrence: 'first', occOperator: 'between', occValue: ['2026-01-01', '2026-01-31'], not: true })
    expect(isComplete(first, FIELDS)).toBe(true)
    expect(toApiRule(fromApiRule(toApiRule(first, FIELDS), FIELDS), FIELDS)).toEqual({
      kind: 'event',
      eventType: 'pay.paid',
      occurrence: 'first',
      operator: 'between',
      value: ['2026-01-01', '2026-01-31'],
      not: true,
    })
    expect(isComplete(ev({ occurrence: 'first', occOperator: 'before', occValue: '' }), FIELDS)).toBe(false)
    expect(isComplete(ev({ occurrence: 'first', occOperator: 'after', occValue: '2026-05-01' }), FIELDS)).toBe(true)
    expect(isComplete(ev({ occurrence: 'last', occOperator: 'inLastDays', occValue: 0 }), FIELDS)).toBe(false)
  })
})

describe('segment, relation, RFM and lifecycle conditions', () => {
  it('need their pickers filled', () => {
    expect(isComplete(newCondition('segment'), FIELDS)).toBe(false)
    expect(isComplete({ ...(newCondition('segment') as SegmentRefNode), segmentId: 4 }, FIELDS)).toBe(true)
    const rel = newCondition('relation') as RelationNode
    expect(isComplete(rel, FIELDS)).toBe(false)
    expect(isComplete({ ...rel, appId: 'wx123' }, FIELDS)).toBe(true)
    // the staff member is what counts; the corp is optional
    expect(isComplete({ ...rel, relation: 'addedByStaff', appId: 'ww1' }, FIELDS)).toBe(false)
    expect(isComplete({ ...rel, relation: 'addedByStaff', staffUserId: 'zhangsan' }, FIELDS)).toBe(true)
    expect(isComplete({ ...rel, relation: 'servedByStore' }, FIELDS)).toBe(false)
    expect(isComplete({ ...rel, relation: 'servedByStore', storeId: 3 }, FIELDS)).toBe(true)
    expect(isComplete({ ...rel, relation: 'consented' }, FIELDS)).toBe(false)
    expect(isComplete({ ...rel, relation: 'consented', channel: 'sms' }, FIELDS)).toBe(true)
    const rfm = newCondition('rfm') as RfmNode
    expect(isComplete(rfm, FIELDS)).toBe(false)
    expect(isComplete({ ...rfm, group: 'importantValue' }, FIELDS)).toBe(true)
    expect(isComplete({ ...rfm, mode: 'bands' }, FIELDS)).toBe(false)
    expect(isComplete({ ...rfm, mode: 'bands', monetary: 'high' }, FIELDS)).toBe(true)
    expect(isComplete({ ...rfm, mode: 'none' }, FIELDS)).toBe(true)
    expect(isComplete(newCondition('lifecycle'), FIELDS)).toBe(false)
    expect(isComplete({ ...(newCondition('lifecycle') as LifecycleNode), stages: ['purchase'] }, FIELDS)).toBe(true)
  })

  it('translate to the server’s shapes and back', () => {
    const rel = newCondition('relation') as RelationNode
    const rfm = newCondition('rfm') as RfmNode
    const root = newGroup('or', [
      { ...(newCondition('segment') as SegmentRefNode), segmentId: 4, not: true },
      { ...rel, appId: 'wxOa1' },
      { ...rel, relation: 'usedMiniapp', appId: 'wxMp1', not: true },
      { ...rel, relation: 'addedByStaff', staffUserId: 'zhangsan' },
      { ...rel, relation: 'addedByStaff', appId: 'wwCorp1', staffUserId: 'lisi' },
      { ...rel, relation: 'servedByStore', storeId: 3 },
      { ...rel, relation: 'consented', channel: 'wecom', not: true },
      { ...rfm, group: 'importantRecall' },
      { ...rfm, mode: 'bands', recency: 'low', monetary: 'high' },
      { ...rfm, mode: 'none', not: true },
      { ...(newCondition('lifecycle') as LifecycleNode), stages: ['interest', 'purchase'] },
    ])
    const api = toApiRule(root, FIELDS)
    expect(api.rules).toEqual([
      { kind: 'segment', segmentId: 4, not: true },
      { kind: 'relation', relation: 'followsOa', appId: 'wxOa1' },
      { kind: 'relation', relation: 'usedMiniapp', appId: 'wxMp1', not: true },
      { kind: 'relation', relation: 'addedByStaff', staffUserId: 'zhangsan' },
      { kind: 'relation', relation: 'addedByStaff', appId: 'wwCorp1', staffUserId: 'lisi' },
      { kind: 'relation', relation: 'servedByStore', storeId: 3 },
      { kind: 'relation', relation: 'consented', channel: 'wecom', not: true },
      { kind: 'rfm', group: 'importantRecall' },
      { kind: 'rfm', recency: 'low', monetary: 'high' },
      { kind: 'rfm', group: 'none', not: true },
      { kind: 'lifecycle', stages: ['interest', 'purchase'] },
    ])
    const back = fromApiRule(api, FIELDS)
    expect(isComplete(back, FIELDS)).toBe(true)
    expect(toApiRule(back, FIELDS)).toEqual(api)
    expect((fromApiRule({ kind: 'rfm', group: 'none' }, FIELDS) as RfmNode).mode).toBe('none')
    expect((fromApiRule({ kind: 'rfm', frequency: 'high' }, FIELDS) as RfmNode).mode).toBe('bands')
  })

  it('map server errors inside the new kinds to their rows, not into another segment’s rule', () => {
    const seg = { ...(newCondition('segment') as SegmentRefNode), segmentId: 4 }
    const rfm = { ...(newCondition('rfm') as RfmNode), group: 'vip' }
    const life = { ...(newCondition('lifecycle') as LifecycleNode), stages: ['gone'] }
    const ev = { ...(newCondition('event') as EventNode), eventType: 'pay.paid', properties: [newProperty('string', 'nope')] }
    const root = newGroup('and', [seg, newGroup('or', [rfm, life]), ev])
    const map = errorsByNode(root, [
      { field: 'rule.rules[0](segment 4).rules[1].value', message: 'must be a number' },
      { field: 'rule.rules[1].rules[0].group', message: 'must be one of …' },
      { field: 'rule.rules[1].rules[1].stages[0]', message: 'no stage gone' },
      { field: 'rule.rules[2].properties[0].name', message: 'pay.paid has no property nope' },
    ])
    expect(map.get(seg.uid)).toBe('must be a number')
    expect(map.get(rfm.uid)).toBe('must be one of …')
    expect(map.get(life.uid)).toBe('no stage gone')
    expect(map.get(ev.uid)).toBe('pay.paid has no property nope')
  })
})

describe('a rule kept elsewhere (lifecycle stages)', () => {
  it('opens a single condition in a group and sends it back as that condition', () => {
    const stored = { kind: 'event', eventType: 'pay.paid', lastDays: 365, count: { op: 'atLeast', n: 3 } }
    const { root, wrapped } = treeOf(stored, FIELDS)
    expect(wrapped).toBe(true)
    expect(root.rules).toHaveLength(1)
    expect(compactRule(root, FIELDS)).toEqual({ ...stored, did: true })
    const group = { kind: 'group', op: 'or', rules: [{ kind: 'event', eventType: 'mp.login', did: true }, { kind: 'tags', match: 'any', tagIds: [1] }] }
    expect(treeOf(group, FIELDS).wrapped).toBe(false)
    expect(compactRule(treeOf(group, FIELDS).root, FIELDS)).toEqual(group)
  })

  it('reads error paths under another prefix', () => {
    const inner = attr('city', 'eq', 'x')
    const root = newGroup('and', [attr('points', 'gt', 1), inner])
    expect(nodeAtPath(root, 'stages[2].rule.rules[1].value', 'stages[2].rule')).toBe(inner)
    expect([...errorsByNode(root, [{ field: 'stages[2].rule.rules[1].value', message: 'bad' }, { field: 'stages[1].rule', message: 'other stage' }], 'stages[2].rule').entries()]).toEqual([[inner.uid, 'bad']])
  })
})
