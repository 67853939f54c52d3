import type { CreateStoreBody, Store, UpdateStoreBody } from '@/api/types'

export const storeColumns = [
  { prop: 'code', label: 'stores.code', width: 140 },
  { prop: 'name', label: 'stores.name', minWidth: 180 },
  { prop: 'city', label: 'stores.city', width: 140 },
  { prop: 'address', label: 'stores.address', minWidth: 240 },
] as const

export interface StoreForm {
  name: string
  code: string
  city: string
  address: string
}

export function storeToForm(store: Store | null): StoreForm {
  return store
    ? { name: store.name, code: store.code, city: store.city ?? '', address: store.address ?? '' }
    : { name: '', code: '', city: '', address: '' }
}

export const STORE_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/

export function storeFormToBody(form: StoreForm): CreateStoreBody {
  const body: CreateStoreBody = { name: form.name.trim(), code: form.code.trim() }
  if (form.city.trim()) body.city = form.city.trim()
  if (form.address.trim()) body.address = form.address.trim()
  return body
}

/** PATCH body: the code is fixed once created; city and address may be cleared. */
export function storeFormToUpdateBody(form: StoreForm): UpdateStoreBody {
  return { name: form.name.trim(), city: form.city.trim(), address: form.address.trim() }
}
