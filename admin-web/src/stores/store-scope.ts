import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { listStores } from '@/api/stores'
import type { Store } from '@/api/types'
import { readString, writeString } from '@/utils/storage'
import { useAuthStore } from './auth'

/**
 * The store switcher in the header: which store's members the pages show.
 * null = all stores, which only owner/operator may choose; store roles pick one of their stores.
 */
export const useStoreScopeStore = defineStore('store-scope', () => {
  const auth = useAuthStore()
  const stores = ref<Store[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const saved = readString('storeId')
  const currentStoreId = ref<number | null>(saved && /^\d+$/.test(saved) ? Number(saved) : null)

  const canChooseAll = computed(() => auth.seesAllStores)
  const options = computed<Store[]>(() => {
    if (canChooseAll.value) return stores.value
    const mine = new Set(auth.user?.storeIds ?? [])
    return stores.value.filter((s) => mine.has(s.id))
  })

  function storeName(id: number | null | undefined): string {
    if (id === null || id === undefined) return '—'
    return stores.value.find((s) => s.id === id)?.name ?? `#${id}`
  }

  function select(id: number | null): void {
    currentStoreId.value = id
    writeString('storeId', id === null ? null : String(id))
  }

  /** Keep the selection valid for the logged-in user. */
  function normalize(): void {
    const ids = options.value.map((s) => s.id)
    const current = currentStoreId.value
    if (current !== null && !ids.includes(current)) select(null)
    if (currentStoreId.value === null && !canChooseAll.value && ids.length > 0) select(ids[0])
  }

  async function load(force = false): Promise<void> {
    if ((loaded.value && !force) || loading.value) return
    loading.value = true
    try {
      stores.value = await listStores()
      loaded.value = true
      normalize()
    } finally {
      loading.value = false
    }
  }

  function reset(): void {
    stores.value = []
    loaded.value = false
    select(null)
  }

  return { stores, options, loaded, loading, currentStoreId, canChooseAll, storeName, select, load, normalize, reset }
})
