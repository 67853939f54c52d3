import { describe, expect, it } from 'vitest'
import type { ChannelAccount } from '@/api/types'
import {
  emptyPayForm,
  messageText,
  messageUrl,
  miniappOptions,
  newSandboxMpOpenid,
  payEmitBody,
  payFormProblem,
  subscribeBody,
  templateCounts,
  waitingSenders,
  yuanToFen,
  MP_OPENID_PATTERN,
} from './players'

const account = (over: Partial<ChannelAccount>): ChannelAccount => ({ id: 1, type: 'miniapp', name: '会员小程序', enabled: true, appId: 'wxmp', ...over }) as ChannelAccount

describe('sandbox mini-program and Pay players', () => {
  it('makes openids the sandbox accepts', () => {
    expect(newSandboxMpOpenid(() => 0)).toMatch(MP_OPENID_PATTERN)
  })

  it('offers the configured mini-program first and each enabled account once', () => {
    const options = miniappOptions(
      [account({ appId: 'wxcfg', name: '主小程序' }), account({ id: 2, appId: 'wxother' }), account({ id: 3, appId: 'wxoff', enabled: false }), account({ id: 4, type: 'oa', appId: 'wxoa' })],
      'wxcfg',
    )
    expect(options).toEqual([
      { appId: 'wxcfg', label: '主小程序 (wxcfg)' },
      { appId: 'wxother', label: '会员小程序 (wxother)' },
    ])
  })

  it('sends only filled-in template answers, and nothing without an app, a valid openid or a template', () => {
    expect(subscribeBody('wxmp', ' oUser01 ', [{ templateId: ' T1 ', status: 'accept' }, { templateId: '', status: 'reject' }])).toEqual({
      appId: 'wxmp',
      openid: 'oUser01',
      templates: [{ templateId: 'T1', status: 'accept' }],
    })
    expect(subscribeBody('wxmp', 'oUser01', [{ templateId: ' ', status: 'accept' }])).toBeNull()
    expect(subscribeBody('wxmp', 'xUser01', [{ templateId: 'T1', status: 'accept' }])).toBeNull()
    expect(subscribeBody('', 'oUser01', [{ templateId: 'T1', status: 'accept' }])).toBeNull()
  })

  it('turns yuan into fen', () => {
    expect(yuanToFen('199')).toBe(19900)
    expect(yuanToFen('199.9')).toBe(19990)
    expect(yuanToFen(' 0.01 ')).toBe(1)
    expect(yuanToFen('0')).toBeNull()
    expect(yuanToFen('1.234')).toBeNull()
    expect(yuanToFen('-1')).toBeNull()
    expect(yuanToFen('abc')).toBeNull()
  })

  it('builds the Pay notify body from the form', () => {
    const form = { ...emptyPayForm('oPayer0001'), mchId: '1900000109', amountYuan: '12.5', outTradeNo: ' ORDER1 ' }
    expect(payFormProblem(form)).toBeNull()
    expect(payEmitBody(form)).toEqual({ mchId: '1900000109', kind: 'paid', openid: 'oPayer0001', amount: 1250, outTradeNo: 'ORDER1' })
    expect(payFormProblem({ ...form, mchId: '' })).toBe('mchId')
    expect(payFormProblem({ ...form, openid: 'x' })).toBe('openid')
    expect(payFormProblem({ ...form, amountYuan: '0' })).toBe('amount')
  })
})

describe('sandbox staff inbox', () => {
  it('shows what an app message says', () => {
    expect(messageText({ msgtype: 'text', content: { content: '新客户到店' } })).toBe('新客户到店')
    expect(messageText({ msgtype: 'markdown', content: { content: '**提醒**' } })).toBe('**提醒**')
    const card = { msgtype: 'textcard' as const, content: { title: '跟进提醒', description: '王女士 3 天未回复', url: 'https://example.com/m/1' } }
    expect(messageText(card)).toBe('跟进提醒\n王女士 3 天未回复')
    expect(messageUrl(card)).toBe('https://example.com/m/1')
    expect(messageUrl({ msgtype: 'text', content: { content: 'x' } })).toBeNull()
  })

  it('counts mass-message targets and who still has to confirm', () => {
    const targets = [
      { external_userid: 'wm1', userid: 'li_na', status: 0 as const },
      { external_userid: 'wm2', userid: 'li_na', status: 1 as const },
      { external_userid: 'wm3', userid: 'wang_fang', status: 2 as const },
      { external_userid: 'wm4', userid: 'wang_fang', status: 0 as const },
    ]
    expect(templateCounts({ targets })).toEqual({ waiting: 2, sent: 1, failed: 1 })
    expect(waitingSenders({ targets })).toEqual(['li_na', 'wang_fang'])
  })
})
