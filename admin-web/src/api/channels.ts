import { client, unwrap } from './request'
import type { ChannelAccount, ChannelTestResult, CreateChannelBody, UpdateChannelBody } from './types'

export async function listChannels(): Promise<ChannelAccount[]> {
  return unwrap(await client.GET('/api/channels'))
}

export async function getChannel(id: number): Promise<ChannelAccount> {
  return unwrap(await client.GET('/api/channels/{id}', { params: { path: { id } } }))
}

export async function createChannel(body: CreateChannelBody): Promise<ChannelAccount> {
  return unwrap(await client.POST('/api/channels', { body }))
}

export async function updateChannel(id: number, body: UpdateChannelBody): Promise<ChannelAccount> {
  return unwrap(await client.PATCH('/api/channels/{id}', { params: { path: { id } }, body }))
}

/** Fetches an access token (or checks the Pay keys); the result is also stored on the account. */
export async function testChannel(id: number): Promise<ChannelTestResult> {
  return unwrap(await client.POST('/api/channels/{id}/test', { params: { path: { id } } }))
}
