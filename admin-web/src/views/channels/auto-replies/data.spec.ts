import { describe, expect, it } from 'vitest'
import type { AutoReply } from '@/api/types'
import {
  ALL_ACCOUNTS,
  accountLabel,
  autoReplyFormToBody,
  autoReplyToForm,
  checkKeyword,
  checkReply,
  emptyAutoReplyForm,
  replyPreview,
  sortRules,
} from './data'

const rule = (over: Partial<AutoReply>): AutoReply => ({
  id: 1,
  accountId: null,
  trigger: 'keyword',
  keyword: '优惠',
  match: 'exact',
  reply: '您好',
  enabled: true,
  updatedAt: '2026-11-23T00:00:00.000Z',
  ...over,
})

describe('auto reply form', () => {
  it('sends null for every account and keyword fields only on keyword rules', () => {
    const form = { ...emptyAutoReplyForm(), keyword: ' 优惠券 ', match: 'contains' as const, reply: '领券链接' }
    expect(autoReplyFormToBody(form)).toEqual({ accountId: null, trigger: 'keyword', keyword: '优惠券', match: 'contains', reply: '领券链接', enabled: true })
    expect(autoReplyFormToBody({ ...form, trigger: 'subscribe', accountId: 7 })).toEqual({ accountId: 7, trigger: 'subscribe', match: 'contains', reply: '领券链接', enabled: true })
  })

  it('round-trips a stored rule', () => {
    expect(autoReplyToForm(rule({ accountId: null })).accountId).toBe(ALL_ACCOUNTS)
    const form = autoReplyToForm(rule({ accountId: 3, trigger: 'message', keyword: null }))
    expect(form).toMatchObject({ accountId: 3, trigger: 'message', keyword: '' })
    expect(autoReplyFormToBody(form)).toEqual({ accountId: 3, trigger: 'message', match: 'exact', reply: '您好', enabled: true })
  })

  it('checks keyword and reply like the server', () => {
    expect(checkKeyword({ trigger: 'keyword', keyword: '  ' })).toBe('required')
    expect(checkKeyword({ trigger: 'keyword', keyword: 'x'.repeat(31) })).toBe('invalid')
    expect(checkKeyword({ trigger: 'keyword', keyword: 'x'.repeat(30) })).toBeNull()
    expect(checkKeyword({ trigger: 'subscribe', keyword: '' })).toBeNull()
    expect(checkReply('')).toBe('required')
    expect(checkReply('字'.repeat(601))).toBe('invalid')
    expect(checkReply('字'.repeat(600))).toBeNull()
  })
})

describe('auto reply table', () => {
  it('previews the first line of a reply', () => {
    expect(replyPreview('短回复')).toBe('短回复')
    expect(replyPreview('第一行\n第二行')).toBe('第一行…')
    expect(replyPreview('x'.repeat(50), 40)).toBe(`${'x'.repeat(40)}…`)
  })

  it('names the account, or leaves "every account" to the caller', () => {
    const accounts = [{ id: 2, name: '品牌服务号', appId: 'wx0123456789abcdef' }]
    expect(accountLabel(null, accounts)).toBeNull()
    expect(accountLabel(2, accounts)).toBe('品牌服务号 (wx0123456789abcdef)')
    expect(accountLabel(9, accounts)).toBe('#9')
  })

  it('lists follow replies, then keywords alphabetically, then the catch-all', () => {
    const sorted = sortRules([
      rule({ id: 1, trigger: 'message', keyword: null }),
      rule({ id: 2, keyword: 'b' }),
      rule({ id: 3, trigger: 'subscribe', keyword: null }),
      rule({ id: 4, keyword: 'a' }),
    ])
    expect(sorted.map((r) => r.id)).toEqual([3, 4, 2, 1])
  })
})
