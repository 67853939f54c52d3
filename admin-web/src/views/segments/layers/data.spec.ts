import { describe, expect, it } from 'vitest'
import { builderQuery, errorsByStage, fenToYuan, funnelWidths, isDirty, rfmRule, stageOfError, stagePaths, yuanToFen } from './data'

describe('layers page data', () => {
  it('shows yuan and sends whole fen', () => {
    expect(fenToYuan(50_000)).toBe(500)
    expect(fenToYuan(1)).toBe(0.01)
    expect(yuanToFen(500)).toBe(50_000)
    expect(yuanToFen(19.99)).toBe(1999)
    expect(yuanToFen(0.1 + 0.2)).toBe(30)
  })

  it('hands an RFM group to the builder as a rule in the address', () => {
    expect(JSON.parse(builderQuery(rfmRule('importantValue')).rule)).toEqual({ kind: 'group', op: 'and', rules: [{ kind: 'rfm', group: 'importantValue' }] })
  })

  it('draws the funnel relative to the largest stage, every stage visible', () => {
    expect(funnelWidths([200, 100, 0, 50])).toEqual([100, 50, 4, 25])
    expect(funnelWidths([0, 0])).toEqual([4, 4])
    expect(funnelWidths([])).toEqual([])
  })

  it('tells a changed model from the saved one', () => {
    const saved = { model: 'aipl' as const, stages: [{ key: 'a', label: 'A', rule: { kind: 'tags' } }] }
    expect(isDirty(JSON.parse(JSON.stringify(saved)), saved)).toBe(false)
    expect(isDirty({ ...saved, stages: [{ ...saved.stages[0], label: 'B' }] }, saved)).toBe(true)
  })

  it('puts save errors on their stage and in the stage rule’s tree', () => {
    const details = [
      { field: 'stages[1].rule.rules[0].eventType', message: 'unknown event type nope.nope' },
      { field: 'stages[1].key', message: 'must be unique' },
      { field: 'stages[3].rule', message: 'a lifecycle stage cannot be defined by lifecycle stages' },
      { field: 'model', message: 'must be aipl or aarrr' },
    ]
    expect(stageOfError('stages[12].label')).toBe(12)
    expect(stageOfError('model')).toBeNull()
    const by = errorsByStage(details)
    expect(by.get(1)?.map((d) => d.field)).toEqual(['stages[1].rule.rules[0].eventType', 'stages[1].key'])
    expect(by.get(-1)?.map((d) => d.field)).toEqual(['model'])
    expect(stagePaths(details, 1, false)).toEqual([details[0]])
    // a stage rule of one condition is drawn inside a group: its errors name the group's first row
    expect(stagePaths(details, 3, true)).toEqual([{ field: 'stages[3].rule.rules[0]', message: details[2].message }])
    expect(stagePaths([{ field: 'stages[0].rule.eventType', message: 'x' }], 0, true)).toEqual([{ field: 'stages[0].rule.rules[0].eventType', message: 'x' }])
  })
})
