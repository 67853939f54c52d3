import { describe, expect, it } from 'vitest'
import type { ImportJob } from '@/api/types'
import { IMPORT_COLUMNS, buildTemplateCsv, csvCell, isFinished, jobPercent } from './data'

// cast: the generated schema may add fields (fileName, failure) that these helpers do not read
const job = (over: Partial<ImportJob>): ImportJob =>
  ({
    id: 'j1',
    fileName: 'members.csv',
    failure: null,
    status: 'running',
    percent: 0,
    total: 10,
    processed: 0,
    created: 0,
    updated: 0,
    failed: 0,
    errorReportUrl: null,
    ...over,
  }) as ImportJob

describe('import template', () => {
  it('lists every accepted column plus attr.<key> per custom attribute', () => {
    const [header, example] = buildTemplateCsv(['favorite_color', 'vip_since']).split('\r\n')
    expect(header.split(',')).toEqual([...IMPORT_COLUMNS, 'attr.favorite_color', 'attr.vip_since'])
    expect(header).toContain('mp_openid')
    expect(header).toContain('source_channel')
    expect(example.split(',')).toHaveLength(IMPORT_COLUMNS.length + 2)
    expect(example).toContain('VIP|新客')
  })

  it('quotes cells only when needed', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
  })
})

describe('import progress', () => {
  it('clamps and rounds the percent, falling back to processed/total', () => {
    expect(jobPercent(null)).toBe(0)
    expect(jobPercent(job({ percent: 33.4 }))).toBe(33)
    expect(jobPercent(job({ percent: 140 }))).toBe(100)
    expect(jobPercent(job({ percent: Number.NaN, processed: 5, total: 10 }))).toBe(50)
    expect(jobPercent(job({ status: 'completed', percent: 99 }))).toBe(100)
  })

  it('knows when to stop polling', () => {
    expect(isFinished(job({ status: 'queued' }))).toBe(false)
    expect(isFinished(job({ status: 'running' }))).toBe(false)
    expect(isFinished(job({ status: 'completed' }))).toBe(true)
    expect(isFinished(job({ status: 'failed' }))).toBe(true)
  })
})
