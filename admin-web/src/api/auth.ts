import { client, unwrap } from './request'
import type { AdminUser, AuthTokens } from './types'

export async function login(username: string, password: string): Promise<AuthTokens> {
  return unwrap(await client.POST('/api/auth/login', { body: { username, password } }))
}

export async function logout(refreshToken: string): Promise<void> {
  await client.POST('/api/auth/logout', { body: { refreshToken } })
}

export async function fetchMe(): Promise<AdminUser> {
  return unwrap(await client.GET('/api/auth/me'))
}
