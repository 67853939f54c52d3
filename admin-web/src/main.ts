import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { currentLocale, i18n, translate } from './locales'
import { configureApi } from './api/request'
import { useAuthStore } from './stores/auth'
import { useStoreScopeStore } from './stores/store-scope'
import { ElMessage } from './utils/feedback'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)

const auth = useAuthStore()
const scope = useStoreScopeStore()

configureApi({
  getAccessToken: () => auth.accessToken,
  getRefreshToken: () => auth.refreshToken,
  onTokens: (pair) => auth.setSession(pair),
  onAuthFailure: () => {
    if (!auth.isLoggedIn) return // already handled by a concurrent request
    auth.clearSession()
    scope.reset()
    ElMessage.warning(translate('common.messages.sessionExpired'))
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      void router.replace({ name: 'login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
    }
  },
  getLocale: () => currentLocale(),
  notifyError: (message) => {
    ElMessage({ type: 'error', message, showClose: true, duration: 5000, customClass: 'api-error-toast' })
  },
  networkErrorMessage: () => translate('common.messages.networkError'),
})

document.documentElement.lang = currentLocale()
app.use(router)
app.mount('#app')
