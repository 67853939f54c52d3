import { client, unwrap } from './request'
import type { CreateUserBody, StaffUser, UpdateUserBody } from './types'

export async function listUsers(): Promise<StaffUser[]> {
  return unwrap(await client.GET('/api/users'))
}

export async function createUser(body: CreateUserBody): Promise<StaffUser> {
  return unwrap(await client.POST('/api/users', { body }))
}

export async function updateUser(id: number, body: UpdateUserBody): Promise<StaffUser> {
  return unwrap(await client.PATCH('/api/users/{id}', { params: { path: { id } }, body }))
}
