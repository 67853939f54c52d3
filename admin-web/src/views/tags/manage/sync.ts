import type { ChannelAccount, TagLink, WechatTag } from '@/api/types'

export const SYNC_POLL_MS = 1000
/** How long "Sync now" waits for the background sync to report before saying it is still running. */
export const SYNC_WAIT_MS = 30_000

export type LinkMode = 'create' | 'existing'

/** Accounts tags can live on (OA user tags, WeCom corp tags) and that this tag is not linked to yet. */
export function linkableAccounts(accounts: ChannelAccount[], links: Pick<TagLink, 'accountId'>[]): ChannelAccount[] {
  const linked = new Set(links.map((l) => l.accountId))
  return accounts.filter((a) => (a.type === 'oa' || a.type === 'wecom') && !linked.has(a.id))
}

/** "品牌服务号 (wx…)" for a link's account, "#id" when the account is gone or not listed. */
export function linkAccountName(accountId: number, accounts: Pick<ChannelAccount, 'id' | 'name' | 'appId' | 'corpId'>[]): string {
  const a = accounts.find((x) => x.id === accountId)
  return a ? `${a.name} (${a.appId ?? a.corpId ?? ''})` : `#${accountId}`
}

/** "VIP · 客户等级" for a WeCom tag in a group, just the name for an OA tag. */
export function wechatTagLabel(tag: Pick<WechatTag, 'name' | 'group'>): string {
  return tag.group ? `${tag.name} · ${tag.group}` : tag.name
}

/** What a link said about its last sync, to tell when a new one has reported. */
export type SyncMark = Pick<TagLink, 'lastSyncedAt' | 'lastError'>

export function syncMark(link: SyncMark): SyncMark {
  return { lastSyncedAt: link.lastSyncedAt, lastError: link.lastError }
}

/**
 * The sync queued after `before` has reported: a success moves lastSyncedAt, a failure writes
 * lastError (a success also clears an earlier error). A link that vanished counts as done.
 */
export function syncReported(before: SyncMark, now: SyncMark | undefined): boolean {
  if (!now) return true
  return now.lastSyncedAt !== before.lastSyncedAt || (now.lastError !== null && now.lastError !== before.lastError)
}
