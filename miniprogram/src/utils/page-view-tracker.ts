// Wires the page-view reporter to Taro: every page calls usePageView(); the app flushes on hide and
// on an interval.
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { onUnmounted } from 'vue'
import { ApiError } from '@/api/core/errors'
import { reportPageViews } from '@/api/member'
import { PageViewReporter, isRefusedStatus, queryOf, uuidV4 } from './page-views'

const FLUSH_EVERY_MS = 15_000

export const pageViews = new PageViewReporter({
  send: (views) => reportPageViews({ views }),
  now: () => Date.now(),
  uuid: () => uuidV4(),
  isRefused: (err) => err instanceof ApiError && isRefusedStatus(err.statusCode),
})

let installed = false

/** Starts the interval and flushes whenever the app goes to the background. */
export function installPageViewReporting(): void {
  if (installed) return
  installed = true
  pageViews.start(FLUSH_EVERY_MS)
  const flushNow = () => {
    pageViews.hideAll()
    void pageViews.flush()
  }
  try {
    Taro.onAppHide(flushNow)
  } catch {
    // a platform without app lifecycle events: the interval still sends
  }
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flushNow()
    })
  }
}

/** Reports this page's views: one per time it is shown, ended when it is hidden or closed. */
export function usePageView(title?: string): void {
  let viewId: string | null = null
  const end = () => {
    if (viewId) pageViews.hide(viewId)
    viewId = null
  }
  useDidShow(() => {
    end()
    const router = Taro.getCurrentInstance().router
    viewId = pageViews.show({ path: router?.path?.split('?')[0] ?? 'unknown', query: queryOf(router?.params), title })
  })
  useDidHide(end)
  onUnmounted(end)
}
