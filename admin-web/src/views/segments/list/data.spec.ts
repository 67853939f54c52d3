import { describe, expect, it } from 'vitest'
import { sparklinePoints } from './data'

describe('segment trend sparkline', () => {
  it('draws nothing for fewer than two counts', () => {
    expect(sparklinePoints([], 80, 24)).toBe('')
    expect(sparklinePoints([{ count: 5 }], 80, 24)).toBe('')
  })

  it('spreads points over the width, highest count at the top', () => {
    expect(sparklinePoints([{ count: 0 }, { count: 10 }, { count: 5 }], 84, 24, 2)).toBe('2,22 42,2 82,12')
  })

  it('draws a flat series across the middle', () => {
    expect(sparklinePoints([{ count: 3 }, { count: 3 }], 80, 20, 0)).toBe('0,10 80,10')
  })
})
