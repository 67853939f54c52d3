import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/core/errors'
import { PageViewReporter, isRefusedStatus, queryOf, uuidV4, type PageView } from './page-views'

function setup(opts: { fail?: (batch: PageView[]) => unknown; maxBatch?: number; maxQueued?: number } = {}) {
  let clock = Date.parse('2026-11-23T02:00:00Z')
  let n = 0
  const sent: PageView[][] = []
  const send = vi.fn(async (batch: PageView[]) => {
    const err = opts.fail?.(batch)
    if (err) throw err
    sent.push(batch)
  })
  const reporter = new PageViewReporter({
    send,
    now: () => clock,
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    isRefused: (e) => e instanceof ApiError && isRefusedStatus(e.statusCode),
    maxBatch: opts.maxBatch,
    maxQueued: opts.maxQueued,
  })
  return { reporter, send, sent, tick: (ms: number) => (clock += ms) }
}

describe('PageViewReporter', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('records one view per page shown, with the time spent, the previous page and a fresh id', async () => {
    const { reporter, sent, tick } = setup()
    const home = reporter.show({ path: '/pages/index/index', title: '首页' })
    tick(4000)
    reporter.hide(home)
    const center = reporter.show({ path: 'packageMember/pages/center/index', query: 'from=home' })
    tick(2500)
    reporter.hide(center)
    reporter.hide(center) // onHide then onUnload: still one view
    expect(reporter.queued).toBe(2)
    await reporter.flush()
    expect(sent).toEqual([
      [
        { path: 'pages/index/index', title: '首页', at: '2026-11-23T02:00:00.000Z', viewId: home, durationMs: 4000 },
        {
          path: 'packageMember/pages/center/index', query: 'from=home', referrer: 'pages/index/index',
          at: '2026-11-23T02:00:04.000Z', viewId: center, durationMs: 2500,
        },
      ],
    ])
    expect(home).not.toBe(center)
    expect(reporter.queued).toBe(0)
  })

  it('sends nothing while views are still open, and ends them all when the app hides', async () => {
    const { reporter, send, sent, tick } = setup()
    reporter.show({ path: 'pages/index/index' })
    await reporter.flush()
    expect(send).not.toHaveBeenCalled()
    tick(1000)
    reporter.hideAll()
    await reporter.flush()
    expect(sent[0].map((v) => v.durationMs)).toEqual([1000])
  })

  it('splits into batches of at most the server limit and sends a full batch without waiting', async () => {
    const { reporter, send, sent } = setup({ maxBatch: 3 })
    for (let i = 0; i < 7; i++) reporter.hide(reporter.show({ path: `pages/p${i}/index` }))
    await reporter.flush()
    expect(sent.map((b) => b.length)).toEqual([3, 3, 1])
    expect(send).toHaveBeenCalledTimes(3)
    expect(new Set(sent.flat().map((v) => v.viewId)).size).toBe(7)
  })

  it('keeps the views when the network fails and sends them with the next flush', async () => {
    let offline = true
    const { reporter, sent } = setup({ fail: () => (offline ? { errMsg: 'request:fail timeout' } : null) })
    const id = reporter.show({ path: 'pages/index/index' })
    reporter.hide(id)
    await reporter.flush()
    expect(reporter.queued).toBe(1)
    offline = false
    reporter.hide(reporter.show({ path: 'pages/index/index' }))
    await reporter.flush()
    expect(sent).toHaveLength(1)
    expect(sent[0].map((v) => v.viewId)[0]).toBe(id)
    expect(sent[0]).toHaveLength(2)
  })

  it('drops a batch the server refuses for good, but retries after 401 and 429', async () => {
    const statuses = [429, 401, 400]
    const { reporter, send } = setup({ fail: () => (statuses.length ? new ApiError(statuses.shift()!, 'no') : null) })
    reporter.hide(reporter.show({ path: 'pages/index/index' }))
    await reporter.flush()
    expect(reporter.queued).toBe(1)
    await reporter.flush()
    expect(reporter.queued).toBe(1)
    await reporter.flush() // 400: the batch is dropped
    expect(reporter.queued).toBe(0)
    expect(send).toHaveBeenCalledTimes(3)
  })

  it('one flush at a time; views queued during a send go out in the same flush', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const batches: number[] = []
    const reporter = new PageViewReporter({
      send: async (b) => {
        batches.push(b.length)
        if (batches.length === 1) await gate
      },
      now: () => 0,
      uuid: uuidV4,
      isRefused: () => false,
    })
    reporter.hide(reporter.show({ path: 'a' }))
    const first = reporter.flush()
    const second = reporter.flush()
    expect(second).toBe(first)
    reporter.hide(reporter.show({ path: 'b' }))
    release()
    await first
    expect(batches).toEqual([1, 1])
    expect(reporter.queued).toBe(0)
  })

  it('caps what it keeps offline, dropping the oldest', async () => {
    let offline = true
    const { reporter, sent } = setup({ fail: () => (offline ? { errMsg: 'request:fail' } : null), maxQueued: 3, maxBatch: 10 })
    const ids = Array.from({ length: 5 }, (_, i) => {
      const id = reporter.show({ path: `pages/p${i}/index` })
      reporter.hide(id)
      return id
    })
    expect(reporter.queued).toBe(3)
    offline = false
    await reporter.flush()
    expect(sent.flat().map((v) => v.viewId)).toEqual(ids.slice(2))
  })

  it('flushes on an interval until stopped', async () => {
    vi.useFakeTimers()
    const { reporter, send } = setup()
    reporter.start(15_000)
    reporter.hide(reporter.show({ path: 'pages/index/index' }))
    await vi.advanceTimersByTimeAsync(14_999)
    expect(send).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(send).toHaveBeenCalledTimes(1)
    reporter.stop()
    reporter.hide(reporter.show({ path: 'pages/index/index' }))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(send).toHaveBeenCalledTimes(1)
  })
})

describe('helpers', () => {
  it('makes v4 uuids the server accepts', () => {
    const ids = new Set(Array.from({ length: 50 }, () => uuidV4()))
    expect(ids.size).toBe(50)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('turns route params into a query string without Taro internals', () => {
    expect(queryOf({ id: '12', from: 'share link', $taroTimestamp: '1700000000', stamp: '3' })).toBe('id=12&from=share%20link')
    expect(queryOf(undefined)).toBe('')
  })

  it('tells refusals from retryable failures', () => {
    expect([400, 403, 404, 413, 422].map(isRefusedStatus)).toEqual([true, true, true, true, true])
    expect([401, 408, 429, 500, 503, undefined].map(isRefusedStatus)).toEqual([false, false, false, false, false, false])
  })
})
