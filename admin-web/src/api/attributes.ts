import { client, unwrap } from './request'
import type { AttributeDefinition, CreateAttributeBody, UpdateAttributeBody } from './types'

export async function listAttributeDefinitions(): Promise<AttributeDefinition[]> {
  return unwrap(await client.GET('/api/attribute-definitions'))
}

export async function createAttributeDefinition(body: CreateAttributeBody): Promise<AttributeDefinition> {
  return unwrap(await client.POST('/api/attribute-definitions', { body }))
}

export async function updateAttributeDefinition(id: number, body: UpdateAttributeBody): Promise<AttributeDefinition> {
  return unwrap(await client.PATCH('/api/attribute-definitions/{id}', { params: { path: { id } }, body }))
}

export async function deleteAttributeDefinition(id: number): Promise<void> {
  unwrap(await client.DELETE('/api/attribute-definitions/{id}', { params: { path: { id } } }))
}
