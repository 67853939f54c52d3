import { getSegmentJob } from '@/api/segment-jobs'
import type { SegmentJob } from '@/api/types'
import { errorMessage } from '@/utils/errors'

export const JOB_POLL_MS = 1000

export const JOB_STATUS_TAG: Record<SegmentJob['status'], 'info' | 'primary' | 'success' | 'danger'> = {
  queued: 'info',
  running: 'primary',
  done: 'success',
  failed: 'danger',
}

export function isJobFinished(job: SegmentJob | null): boolean {
  return job !== null && (job.status === 'done' || job.status === 'failed')
}

/** 0–100, whole numbers. */
export function jobPercent(job: SegmentJob | null): number {
  if (!job) return 0
  if (job.status === 'done') return 100
  return Math.max(0, Math.min(100, Math.round(job.percent)))
}

/**
 * Polls a job until it finishes, handing each state to onJob. Stops at the first error (the API
 * client has shown it) or when the returned function is called.
 */
export function followJob(jobId: number, onJob: (job: SegmentJob) => void, onError: (message: string) => void): () => void {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | null = null
  const tick = async (): Promise<void> => {
    try {
      const job = await getSegmentJob(jobId)
      if (stopped) return
      onJob(job)
      if (!isJobFinished(job)) timer = setTimeout(tick, JOB_POLL_MS)
    } catch (e) {
      if (!stopped) onError(errorMessage(e))
    }
  }
  timer = setTimeout(tick, JOB_POLL_MS)
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
  }
}

/** The header row of a CSV text: the first record, quotes and a leading BOM handled. */
export function csvHeader(text: string): string[] {
  const s = text.replace(/^\uFEFF/, '')
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      cells.push(cell.trim())
      cell = ''
    } else if (c === '\n' || c === '\r') break
    else cell += c
  }
  cells.push(cell.trim())
  return cells.length === 1 && cells[0] === '' ? [] : cells
}

/** "上海会员-20250101.csv": the segment's name and today's date, minus characters file systems refuse. */
export function exportFileName(segmentName: string, date: string): string {
  return `${segmentName.replace(/[\\/:*?"<>|]/g, '_')}-${date.replace(/-/g, '')}.csv`
}
