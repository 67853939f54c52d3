import { createRouter, createWebHistory } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { decideNavigation } from './guard'
import { routes } from './routes'

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (auth.isLoggedIn && !auth.user && !to.meta.public) {
    try {
      await auth.loadMe()
    } catch {
      auth.clearSession()
    }
  }
  return decideNavigation(to, { isLoggedIn: auth.isLoggedIn, role: auth.role })
})
