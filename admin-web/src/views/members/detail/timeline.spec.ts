import { describe, expect, it } from 'vitest'
import type { EventTypeDefinition, MemberEvent } from '@/api/types'
import { appendEvents, catalogOf, channelOf, eventLabel, eventProperties, formatPropertyValue, typeOptionGroups } from './timeline'

const TYPES: EventTypeDefinition[] = [
  {
    type: 'oa.subscribe',
    channel: 'oa',
    label: { 'zh-CN': '关注公众号', en: 'Followed the OA' },
    description: '',
    properties: [
      { name: 'scene', type: 'string', label: { 'zh-CN': '二维码场景值', en: 'QR scene' } },
      { name: 'ticket', type: 'string', label: { 'zh-CN': '二维码 ticket', en: 'QR ticket' } },
    ],
  },
  {
    type: 'pay.paid',
    channel: 'pay',
    label: { 'zh-CN': '支付成功', en: 'Paid' },
    description: '',
    properties: [
      { name: 'amount', type: 'number', label: { 'zh-CN': '金额（分）', en: 'amount (fen)' } },
      { name: 'refunded', type: 'boolean', label: { 'zh-CN': '已退款', en: 'refunded' } },
      { name: 'paidAt', type: 'datetime', label: { 'zh-CN': '支付时间', en: 'paid at' } },
    ],
  },
  { type: 'wecom.contact_added', channel: 'wecom', label: { 'zh-CN': '添加企业微信', en: 'Added a WeCom staff' }, description: '', properties: [] },
]
const catalog = catalogOf(TYPES)
const words = { yes: '是', no: '否' }

function event(type: string, properties: Record<string, unknown>, id = '1'): MemberEvent {
  return { id, type, source: 'oa', accountId: 1, occurredAt: '2026-11-23T04:00:00Z', properties }
}

describe('event labels and channels', () => {
  it('uses the catalog label in the UI language, else the raw type', () => {
    expect(eventLabel('oa.subscribe', catalog, 'zh-CN')).toBe('关注公众号')
    expect(eventLabel('oa.subscribe', catalog, 'en')).toBe('Followed the OA')
    expect(eventLabel('custom.store_visit', catalog, 'en')).toBe('custom.store_visit')
  })

  it('guesses the channel of unknown types from their prefix', () => {
    expect(channelOf('oa.subscribe', catalog)).toBe('oa')
    expect(channelOf('mp.something_new', catalog)).toBe('miniapp')
    expect(channelOf('custom.visit', catalog)).toBe('custom')
    expect(channelOf('member.merged', catalog)).toBe('system')
  })
})

describe('event property formatting', () => {
  it('shows catalog properties with localized labels, in catalog order, skipping empty ones', () => {
    const e = event('oa.subscribe', { ticket: '', scene: 'store_12', extra: 'x' })
    expect(eventProperties(e, catalog, 'zh-CN', words)).toEqual([
      { name: 'scene', label: '二维码场景值', value: 'store_12' },
      { name: 'extra', label: 'extra', value: 'x' },
    ])
    expect(eventProperties(e, catalog, 'en', words)[0]).toEqual({ name: 'scene', label: 'QR scene', value: 'store_12' })
  })

  it('formats values by property type', () => {
    const e = event('pay.paid', { amount: 1990, refunded: false, paidAt: null })
    expect(eventProperties(e, catalog, 'zh-CN', words)).toEqual([
      { name: 'amount', label: '金额（分）', value: '1990' },
      { name: 'refunded', label: '已退款', value: '否' },
    ])
    expect(formatPropertyValue(true, undefined, words)).toBe('是')
    expect(formatPropertyValue({ a: 1 }, undefined, words)).toBe('{"a":1}')
    expect(formatPropertyValue('', 'string', words)).toBeNull()
    expect(formatPropertyValue('2026-11-23T04:05:00Z', 'datetime', words)).toMatch(/^2026-11-2\d \d\d:05$/)
  })

  it('handles events without properties', () => {
    expect(eventProperties(event('oa.unsubscribe', {}), catalog, 'zh-CN', words)).toEqual([])
  })
})

describe('filter options and paging', () => {
  it('groups the type filter by channel', () => {
    expect(typeOptionGroups(TYPES, 'zh-CN')).toEqual([
      { channel: 'oa', options: [{ value: 'oa.subscribe', label: '关注公众号' }] },
      { channel: 'wecom', options: [{ value: 'wecom.contact_added', label: '添加企业微信' }] },
      { channel: 'pay', options: [{ value: 'pay.paid', label: '支付成功' }] },
    ])
  })

  it('appends a page without duplicates', () => {
    const a = event('oa.subscribe', {}, 'a')
    const b = event('oa.subscribe', {}, 'b')
    const c = event('oa.subscribe', {}, 'c')
    expect(appendEvents([a, b], [b, c]).map((e) => e.id)).toEqual(['a', 'b', 'c'])
  })
})
