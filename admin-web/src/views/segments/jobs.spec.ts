import { describe, expect, it } from 'vitest'
import { csvHeader, exportFileName, jobPercent } from './jobs'
import type { SegmentJob } from '@/api/types'

describe('csvHeader', () => {
  it('reads the first record, with BOM, quotes and CRLF', () => {
    expect(csvHeader('\uFEFF手机号,备注\r\n13800000000,x')).toEqual(['手机号', '备注'])
    expect(csvHeader('"id","a, ""b"""\n1,2')).toEqual(['id', 'a, "b"'])
    expect(csvHeader('phone')).toEqual(['phone'])
    expect(csvHeader('')).toEqual([])
  })
})

describe('jobPercent', () => {
  it('is 100 when done and clamps otherwise', () => {
    const job = (status: SegmentJob['status'], percent: number) => ({ status, percent }) as SegmentJob
    expect(jobPercent(null)).toBe(0)
    expect(jobPercent(job('done', 99))).toBe(100)
    expect(jobPercent(job('running', 42.6))).toBe(43)
  })
})

describe('exportFileName', () => {
  it('uses the name and a compact date, without characters file systems refuse', () => {
    expect(exportFileName('上海/VIP', '2025-01-02')).toBe('上海_VIP-20250102.csv')
  })
})
