import type { ImportJob } from '@/api/types'

/** Columns the server accepts, in template order; `help` is an i18n key under import.columns. */
export const IMPORT_COLUMNS = [
  'nickname',
  'phone',
  'unionid',
  'mp_openid',
  'oa_openid',
  'gender',
  'birthday',
  'province',
  'city',
  'source_channel',
  'lifecycle_stage',
  'level',
  'points',
  'tags',
] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** Prefix of custom attribute columns: attr.<key>. */
export const ATTR_PREFIX = 'attr.'

/** One example row per template, matching IMPORT_COLUMNS. */
const EXAMPLE_ROW: Record<ImportColumn, string> = {
  nickname: '张三',
  phone: '13800138000',
  unionid: '',
  mp_openid: '',
  oa_openid: '',
  gender: 'male',
  birthday: '1990-05-20',
  province: '广东',
  city: '深圳',
  source_channel: 'import',
  lifecycle_stage: 'new',
  level: '1',
  points: '100',
  tags: 'VIP|新客',
}

/** RFC 4180 quoting: only when the value needs it. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function csvLine(values: string[]): string {
  return values.map(csvCell).join(',')
}

/** The downloadable template: every accepted column, attr.<key> per defined attribute, one example row. */
export function buildTemplateCsv(attributeKeys: string[] = []): string {
  const header = [...IMPORT_COLUMNS, ...attributeKeys.map((k) => `${ATTR_PREFIX}${k}`)]
  const example = [...IMPORT_COLUMNS.map((c) => EXAMPLE_ROW[c]), ...attributeKeys.map(() => '')]
  return `${csvLine(header)}\r\n${csvLine(example)}\r\n`
}

export const COUNT_KEYS = ['total', 'processed', 'created', 'updated', 'failed'] as const

export const POLL_INTERVAL_MS = 1000

export function isFinished(job: ImportJob | null): boolean {
  return job !== null && (job.status === 'completed' || job.status === 'failed')
}

/** 0–100, whole numbers; a finished job shows 100 even if the server rounds down. */
export function jobPercent(job: ImportJob | null): number {
  if (!job) return 0
  if (job.status === 'completed') return 100
  const raw = Number.isFinite(job.percent) ? job.percent : job.total > 0 ? (job.processed / job.total) * 100 : 0
  return Math.max(0, Math.min(100, Math.round(raw)))
}

export const STATUS_TAG: Record<ImportJob['status'], 'info' | 'primary' | 'success' | 'danger'> = {
  queued: 'info',
  running: 'primary',
  completed: 'success',
  failed: 'danger',
}
