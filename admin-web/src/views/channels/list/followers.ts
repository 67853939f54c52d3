import type { FollowerImport, FollowerImportStatus } from '@/api/types'

export const IMPORT_POLL_MS = 1000

export function isImportFinished(run: Pick<FollowerImport, 'status'> | null): boolean {
  return run !== null && (run.status === 'completed' || run.status === 'failed')
}

/** 0–100; a completed import shows 100 even if the server rounded down. */
export function importPercent(run: Pick<FollowerImport, 'status' | 'percent' | 'total' | 'processed'> | null): number {
  if (!run) return 0
  if (run.status === 'completed') return 100
  const raw = Number.isFinite(run.percent) ? run.percent : run.total > 0 ? (run.processed / run.total) * 100 : 0
  return Math.max(0, Math.min(100, Math.round(raw)))
}

export const IMPORT_STATUS_TAG: Record<FollowerImportStatus, 'info' | 'primary' | 'success' | 'danger'> = {
  queued: 'info',
  running: 'primary',
  completed: 'success',
  failed: 'danger',
}

export const IMPORT_COUNT_KEYS = ['total', 'processed', 'created', 'matched', 'failed'] as const

/** The run to follow when the dialog opens: the newest one, whether under way or finished. */
export function currentImport(runs: FollowerImport[]): FollowerImport | null {
  return runs.reduce<FollowerImport | null>((latest, r) => (latest === null || r.id > latest.id ? r : latest), null)
}
