// Page-view reporting (pure: no Taro). Each page shown is one view with a uuid made here (the
// server stores a viewId once); a view is queued when its page is hidden or closed, with the time
// spent, and queued views go to the server in batches: on an interval, when the app is hidden,
// and as soon as a full batch is waiting.

import { defaultRandomBytes } from './openid'

export interface PageView {
  path: string
  query?: string
  title?: string
  referrer?: string
  durationMs?: number
  /** ISO time the page was shown */
  at: string
  viewId: string
}

export interface PageViewReporterDeps {
  /** POST /api/mp/events/page-views */
  send(views: PageView[]): Promise<unknown>
  now(): number
  uuid(): string
  /** true when the server refused the batch for good (a 4xx other than 401/408/429): drop it */
  isRefused(err: unknown): boolean
  /** the server's batch limit */
  maxBatch?: number
  /** views kept while offline; the oldest go first beyond this */
  maxQueued?: number
}

export const PAGE_VIEW_BATCH = 50

interface OpenView {
  view: PageView
  shownAt: number
}

export class PageViewReporter {
  private readonly open = new Map<string, OpenView>()
  private queue: PageView[] = []
  private lastPath: string | undefined
  private flushing: Promise<void> | null = null
  private timer: ReturnType<typeof setInterval> | null = null
  private readonly maxBatch: number
  private readonly maxQueued: number

  constructor(private readonly deps: PageViewReporterDeps) {
    this.maxBatch = Math.min(deps.maxBatch ?? PAGE_VIEW_BATCH, PAGE_VIEW_BATCH)
    this.maxQueued = deps.maxQueued ?? 500
  }

  /** A page was shown; returns the id of this view. */
  show(page: { path: string; query?: string; title?: string }): string {
    const viewId = this.deps.uuid()
    const shownAt = this.deps.now()
    const path = page.path.replace(/^\//, '')
    const view: PageView = { path, at: new Date(shownAt).toISOString(), viewId }
    if (page.query) view.query = page.query
    if (page.title) view.title = page.title
    if (this.lastPath && this.lastPath !== path) view.referrer = this.lastPath
    this.lastPath = path
    this.open.set(viewId, { view, shownAt })
    return viewId
  }

  /** The page was hidden or closed: its view is queued with the time spent. Repeats are ignored. */
  hide(viewId: string): void {
    const o = this.open.get(viewId)
    if (!o) return
    this.open.delete(viewId)
    this.enqueue({ ...o.view, durationMs: Math.max(0, this.deps.now() - o.shownAt) })
  }

  /** The app goes to the background: every open view ends now (pages shown again start new ones). */
  hideAll(): void {
    for (const id of [...this.open.keys()]) this.hide(id)
  }

  get queued(): number {
    return this.queue.length
  }

  /**
   * Sends what is queued, a batch at a time. One flush at a time: a call during a flush waits for
   * it. A failed send keeps its views for the next flush; a refused batch is dropped.
   */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.drain().finally(() => {
        this.flushing = null
      })
    }
    return this.flushing
  }

  /** Flushes every `intervalMs` until stop(). */
  start(intervalMs: number): void {
    this.stop()
    this.timer = setInterval(() => void this.flush(), intervalMs)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private enqueue(view: PageView) {
    this.queue.push(view)
    if (this.queue.length > this.maxQueued) this.queue.splice(0, this.queue.length - this.maxQueued)
    if (this.queue.length >= this.maxBatch) void this.flush()
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.slice(0, this.maxBatch)
      try {
        await this.deps.send(batch)
      } catch (err) {
        if (!this.deps.isRefused(err)) return // offline or server trouble: try again next flush
      }
      // sent or refused: either way these views are done (views queued meanwhile stay)
      this.queue = this.queue.filter((v) => !batch.includes(v))
    }
  }
}

/** A 4xx the server will give again for the same batch (401 re-logs in, 408/429 are worth a retry). */
export function isRefusedStatus(statusCode: number | undefined): boolean {
  return statusCode !== undefined && statusCode >= 400 && statusCode < 500 && ![401, 408, 429].includes(statusCode)
}

/** Route params → query string, without Taro's internal ones ($taroTimestamp, …). */
export function queryOf(params: Record<string, string | undefined> | undefined): string {
  if (!params) return ''
  return Object.entries(params)
    .filter(([k, v]) => !k.startsWith('$') && k !== 'stamp' && v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v as string)}`)
    .join('&')
    .slice(0, 512)
}

/** RFC 4122 version 4, from Web Crypto when there is one. */
export function uuidV4(randomBytes: (n: number) => Uint8Array = defaultRandomBytes): string {
  const b = randomBytes(16)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
