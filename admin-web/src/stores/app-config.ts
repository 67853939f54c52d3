import { ref } from 'vue'
import { defineStore } from 'pinia'
import { getMpConfig } from '@/api/sandbox'

/** Server facts the menu depends on (GET /api/mp/config), loaded once per page load. */
export const useAppConfigStore = defineStore('app-config', () => {
  /** WeChat is the built-in sandbox: the sandbox page is offered. */
  const sandbox = ref(false)
  /** The mini-program the server is configured for (the sandbox's default one). */
  const miniappAppId = ref<string | null>(null)
  const loaded = ref(false)
  let pending: Promise<void> | null = null

  function load(): Promise<void> {
    if (loaded.value) return Promise.resolve()
    pending ??= getMpConfig()
      .then((config) => {
        sandbox.value = config.sandbox
        miniappAppId.value = config.appId || null
        loaded.value = true
      })
      .catch(() => {
        // the API client showed the error; treat the feature as off rather than wait forever
        loaded.value = true
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  return { sandbox, miniappAppId, loaded, load }
})
