import { client, unwrap } from './request'
import type { CreateStoreBody, Store, UpdateStoreBody } from './types'

export async function listStores(): Promise<Store[]> {
  return unwrap(await client.GET('/api/stores'))
}

export async function createStore(body: CreateStoreBody): Promise<Store> {
  return unwrap(await client.POST('/api/stores', { body }))
}

export async function updateStore(id: number, body: UpdateStoreBody): Promise<Store> {
  return unwrap(await client.PATCH('/api/stores/{id}', { params: { path: { id } }, body }))
}
