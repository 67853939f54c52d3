/** Official Account features beyond the channel account itself: auto replies and importing existing followers. */
import { client, unwrap } from './request'
import type { AutoReply, FollowerImport, SaveAutoReplyBody, UpdateAutoReplyBody } from './types'

export async function listAutoReplies(): Promise<AutoReply[]> {
  return unwrap(await client.GET('/api/oa/auto-replies'))
}

export async function createAutoReply(body: SaveAutoReplyBody): Promise<AutoReply> {
  return unwrap(await client.POST('/api/oa/auto-replies', { body }))
}

export async function updateAutoReply(id: number, body: UpdateAutoReplyBody): Promise<AutoReply> {
  return unwrap(await client.PATCH('/api/oa/auto-replies/{id}', { params: { path: { id } }, body }))
}

export async function deleteAutoReply(id: number): Promise<void> {
  unwrap(await client.DELETE('/api/oa/auto-replies/{id}', { params: { path: { id } } }))
}

/** Starts a background import of the account's followers (409 while one is under way); poll getFollowerImport. */
export async function startFollowerImport(accountId: number): Promise<FollowerImport> {
  return unwrap(await client.POST('/api/oa/accounts/{accountId}/follower-imports', { params: { path: { accountId } } }))
}

/** The account's latest 20 imports, newest first. */
export async function listFollowerImports(accountId: number): Promise<FollowerImport[]> {
  return unwrap(await client.GET('/api/oa/accounts/{accountId}/follower-imports', { params: { path: { accountId } } }))
}

export async function getFollowerImport(id: number): Promise<FollowerImport> {
  return unwrap(await client.GET('/api/oa/follower-imports/{id}', { params: { path: { id } } }))
}
