import { describe, expect, it } from 'vitest'
import type { AttributeDefinition } from '@/api/types'
import { attributeRows, coerceAttribute } from './data'

const def = (key: string, type: AttributeDefinition['type']): AttributeDefinition => ({
  id: 1,
  key,
  label: key.toUpperCase(),
  type,
  options: type === 'enum' ? ['a', 'b'] : null,
  description: null,
})

describe('custom attributes on the member page', () => {
  it('shows every definition (unset ones as null) and values without a definition', () => {
    const rows = attributeRows([def('color', 'string'), def('size', 'number')], { size: 3, legacy: 'x' })
    expect(rows.map((r) => [r.key, r.label, r.value, r.definition?.type ?? null])).toEqual([
      ['color', 'COLOR', null, 'string'],
      ['size', 'SIZE', 3, 'number'],
      ['legacy', 'legacy', 'x', null],
    ])
  })

  it('coerces edited values to the definition type', () => {
    expect(coerceAttribute('number', '42')).toBe(42)
    expect(coerceAttribute('number', 'abc')).toBeNull()
    expect(coerceAttribute('boolean', 'true')).toBe(true)
    expect(coerceAttribute('boolean', false)).toBe(false)
    expect(coerceAttribute('date', '2026-11-23')).toBe('2026-11-23')
    expect(coerceAttribute('enum', 'a')).toBe('a')
    expect(coerceAttribute('string', '')).toBeNull()
    expect(coerceAttribute('string', undefined)).toBeNull()
  })
})
