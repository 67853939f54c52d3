import { describe, expect, it } from 'vitest'
import type { SegmentField } from '@/api/types'
import { conditionCount, errorsByNode, fromApiRule, isComplete, newCondition, newGroup, nodeAtPath, toApiRule, valueShape } from './rule'
import type { AttributeNode, EventNode, GroupNode, TagsNode } from './rule'

const FIELDS = new Map<string, SegmentField>(
  [
    { field: 'city', type: 'string', options: null, operators: ['eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty', 'isSet'] },
    { field: 'points', type: 'number', options: null, operators: ['eq', 'gt', 'between', 'in', 'isEmpty'] },
    { field: 'gender', type: 'enum', options: ['unknown', 'male', 'female'], operators: ['eq', 'in'] },
    { field: 'lastSeenAt', type: 'datetime', options: null, operators: ['before', 'after', 'between', 'inLastDays'] },
    { field: 'attributes.birthday', type: 'date', options: null, operators: ['eq', 'between'] },
    { field: 'consentSms', type: 'boolean', options: null, operators: ['eq', 'isSet'] },
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
