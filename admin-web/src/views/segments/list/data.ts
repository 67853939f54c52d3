import type { SegmentTrendPoint } from '@/api/types'

/**
 * SVG polyline points for a trend (oldest first) in a width×height box, with `pad` pixels of
 * margin; a flat series sits in the middle. Empty for fewer than two points (nothing to draw).
 */
export function sparklinePoints(trend: Pick<SegmentTrendPoint, 'count'>[], width: number, height: number, pad = 2): string {
  if (trend.length < 2) return ''
  const counts = trend.map((p) => p.count)
  const min = Math.min(...counts)
  const max = Math.max(...counts)
  const stepX = (width - pad * 2) / (trend.length - 1)
  const innerH = height - pad * 2
  const y = (c: number) => (max === min ? height / 2 : pad + innerH - ((c - min) / (max - min)) * innerH)
  return counts.map((c, i) => `${round(pad + i * stepX)},${round(y(c))}`).join(' ')
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}
