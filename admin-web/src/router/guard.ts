import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import type { Role } from '@/api/types'
import { canAccess } from './menu'

export interface GuardState {
  isLoggedIn: boolean
  role: Role | null
}

/**
 * The navigation decision, as data (unit-tested): true = go on, or where to go instead.
 * The user profile is loaded before this runs (see index.ts).
 */
export function decideNavigation(
  to: Pick<RouteLocationNormalized, 'meta' | 'fullPath' | 'name'>,
  state: GuardState,
): true | RouteLocationRaw {
  if (to.meta.public) {
    if (to.name === 'login' && state.isLoggedIn) return { path: '/' }
    return true
  }
  if (!state.isLoggedIn) {
    return to.fullPath && to.fullPath !== '/' ? { name: 'login', query: { redirect: to.fullPath } } : { name: 'login' }
  }
  if (!canAccess(to.meta, state.role)) return { name: 'forbidden' }
  return true
}
