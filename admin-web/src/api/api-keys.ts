import { client, unwrap } from './request'
import type { ApiKey, CreateApiKeyBody, CreatedApiKey } from './types'

export async function listApiKeys(): Promise<ApiKey[]> {
  return unwrap(await client.GET('/api/api-keys'))
}

/** The response carries the key itself, this once only. */
export async function createApiKey(body: CreateApiKeyBody): Promise<CreatedApiKey> {
  return unwrap(await client.POST('/api/api-keys', { body }))
}

export async function revokeApiKey(id: number): Promise<void> {
  unwrap(await client.DELETE('/api/api-keys/{id}', { params: { path: { id } } }))
}
