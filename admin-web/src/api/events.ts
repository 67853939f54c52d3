import { client, unwrap } from './request'
import type { EventTypeDefinition, TimelinePage, TimelineQuery } from './types'

export async function listEventTypes(): Promise<EventTypeDefinition[]> {
  return unwrap(await client.GET('/api/events/types'))
}

/** A member's events, newest first, cursor-paged. */
export async function memberTimeline(memberId: number, query: TimelineQuery = {}): Promise<TimelinePage> {
  return unwrap(await client.GET('/api/members/{id}/events', { params: { path: { id: memberId }, query } }))
}
