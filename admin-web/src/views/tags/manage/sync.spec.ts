import { describe, expect, it } from 'vitest'
import type { ChannelAccount } from '@/api/types'
import { linkAccountName, linkableAccounts, syncReported, wechatTagLabel } from './sync'

const account = (id: number, type: ChannelAccount['type'], extra: Partial<ChannelAccount> = {}) =>
  ({ id, type, name: `账号${id}`, appId: type === 'wecom' ? null : `wx${id}`, corpId: type === 'wecom' ? `ww${id}` : null, ...extra }) as ChannelAccount

describe('tag ↔ WeChat links', () => {
  it('offers OA and WeCom accounts the tag is not linked to yet', () => {
    const accounts = [account(1, 'oa'), account(2, 'miniapp'), account(3, 'wecom'), account(4, 'pay'), account(5, 'oa')]
    expect(linkableAccounts(accounts, [{ accountId: 5 }]).map((a) => a.id)).toEqual([1, 3])
  })

  it('names accounts and WeChat tags', () => {
    const accounts = [account(1, 'oa'), account(3, 'wecom')]
    expect(linkAccountName(1, accounts)).toBe('账号1 (wx1)')
    expect(linkAccountName(3, accounts)).toBe('账号3 (ww3)')
    expect(linkAccountName(9, accounts)).toBe('#9')
    expect(wechatTagLabel({ name: '高价值', group: '客户等级' })).toBe('高价值 · 客户等级')
    expect(wechatTagLabel({ name: '星标', group: null })).toBe('星标')
  })

  it('tells when a queued sync has reported', () => {
    const before = { lastSyncedAt: '2026-11-23T01:00:00.000Z', lastError: null }
    expect(syncReported(before, before)).toBe(false)
    expect(syncReported(before, { ...before, lastSyncedAt: '2026-11-23T01:00:05.000Z' })).toBe(true)
    expect(syncReported(before, { ...before, lastError: 'invalid credential' })).toBe(true)
    // the same old error again is not news
    expect(syncReported({ lastSyncedAt: null, lastError: 'x' }, { lastSyncedAt: null, lastError: 'x' })).toBe(false)
    expect(syncReported(before, undefined)).toBe(true)
  })
})
