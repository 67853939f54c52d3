import { describe, expect, it } from 'vitest'
import { defaultConfig, fieldsOf, parseList, withValue } from './schema-form'

describe('fieldsOf', () => {
  it('maps simple types, enums, lists of simple values and one nested object', () => {
    const fields = fieldsOf({
      type: 'object',
      required: ['wait', 'tagIds'],
      properties: {
        name: { type: 'string', maxLength: 32, title: 'Name' },
        amount: { type: 'integer', minimum: 1, maximum: 10 },
        on: { type: 'boolean' },
        unit: { enum: ['minutes', 'hours'] },
        tagIds: { type: 'array', items: { type: 'integer', minimum: 1 } },
        channels: { type: 'array', items: { enum: ['sms', 'oa'] } },
        wait: { type: 'object', properties: { amount: { type: 'integer' }, unit: { enum: ['days'] } }, required: ['amount'] },
      },
    })
    expect(fields.map((f) => [f.key, f.kind, f.required])).toEqual([
      ['name', 'string', false],
      ['amount', 'integer', false],
      ['on', 'boolean', false],
      ['unit', 'enum', false],
      ['tagIds', 'array', true],
      ['channels', 'array', false],
      ['wait', 'object', true],
    ])
    expect(fields[0]).toMatchObject({ label: 'Name', maxLength: 32 })
    expect(fields[1]).toMatchObject({ label: 'amount', min: 1, max: 10 })
    expect(fields[5]).toMatchObject({ item: 'enum', options: ['sms', 'oa'] })
    const wait = fields[6]
    expect(wait.kind === 'object' && wait.fields.map((f) => [f.key, f.kind, f.required])).toEqual([
      ['amount', 'integer', true],
      ['unit', 'enum', false],
    ])
  })

  it('falls back to JSON for arrays of objects, maps, deeper nesting and unions', () => {
    const fields = fieldsOf({
      type: 'object',
      properties: {
        variants: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' } } } },
        data: { type: 'object', additionalProperties: { type: 'string' } },
        deep: { type: 'object', properties: { inner: { type: 'object', properties: { x: { type: 'string' } } } } },
        value: { type: ['string', 'number'] },
        rule: {},
      },
    })
    expect(fields.map((f) => f.kind)).toEqual(['json', 'json', 'json', 'json', 'json'])
  })
})

describe('config helpers', () => {
  it('starts a config from the schema defaults only', () => {
    expect(defaultConfig({ properties: { holdoutPercent: { type: 'integer', default: 0 }, variants: { type: 'array' } } })).toEqual({ holdoutPercent: 0 })
  })
  it('parses comma-separated lists by item type', () => {
    expect(parseList('1, 2，3', 'integer')).toEqual([1, 2, 3])
    expect(parseList('1, x', 'integer')).toBeNull()
    expect(parseList('1.5', 'integer')).toBeNull()
    expect(parseList('a, b', 'string')).toEqual(['a', 'b'])
  })
  it('leaves cleared fields out', () => {
    expect(withValue({ a: 1, b: 2 }, 'a', '')).toEqual({ b: 2 })
    expect(withValue({ b: 2 }, 'a', 3)).toEqual({ b: 2, a: 3 })
    expect(withValue({ a: [1] }, 'a', [])).toEqual({})
  })
})
