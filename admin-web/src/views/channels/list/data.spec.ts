import { describe, expect, it } from 'vitest'
import type { ChannelAccount } from '@/api/types'
import {
  channelFormToBody,
  channelFormToUpdateBody,
  channelToForm,
  checkField,
  emptyChannelForm,
  externalId,
  parseTestResult,
  storedSecrets,
  validateChannelForm,
} from './data'

const AES = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456'
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----'

function account(over: Partial<ChannelAccount> = {}): ChannelAccount {
  return {
    id: 1,
    type: 'oa',
    name: '服务号',
    appId: 'wx0123456789abcdef',
    corpId: null,
    agentId: null,
    mchId: null,
    enabled: true,
    callbackUrl: 'http://x/wechat/oa/wx0123456789abcdef/callback',
    secrets: { secret: { set: true, hint: '****a1b2' }, token: { set: true, hint: '****' }, encodingAesKey: { set: false, hint: null } },
    lastTestedAt: null,
    lastTestResult: null,
    ...over,
  }
}

describe('form → request per channel type', () => {
  it('oa: sends appId and secrets, trims, drops other types’ fields and blanks', () => {
    const form = {
      ...emptyChannelForm('oa'),
      name: ' 服务号 ',
      appId: ' wx0123456789abcdef ',
      secret: 's3cretvalue',
      token: 'tok123',
      corpId: 'ww0123456789abcdef',
      mchId: '1234567890',
    }
    expect(channelFormToBody(form)).toEqual({
      type: 'oa',
      name: '服务号',
      appId: 'wx0123456789abcdef',
      secret: 's3cretvalue',
      token: 'tok123',
    })
  })

  it('miniapp: appId + secret', () => {
    const form = { ...emptyChannelForm('miniapp'), name: '小程序', appId: 'wx0123456789abcdef', secret: 'abcdefgh' }
    expect(channelFormToBody(form)).toEqual({ type: 'miniapp', name: '小程序', appId: 'wx0123456789abcdef', secret: 'abcdefgh' })
  })

  it('wecom: corpId, numeric agentId, secret, token, aes key', () => {
    const form = {
      ...emptyChannelForm('wecom'),
      name: '企微',
      corpId: 'ww0123456789abcdef',
      agentId: '1000002',
      secret: 'abcdefgh',
      token: 'tok',
      encodingAesKey: AES,
      appId: 'wx0123456789abcdef',
    }
    expect(channelFormToBody(form)).toEqual({
      type: 'wecom',
      name: '企微',
      corpId: 'ww0123456789abcdef',
      agentId: 1000002,
      secret: 'abcdefgh',
      token: 'tok',
      encodingAesKey: AES,
    })
  })

  it('pay: merchant fields and PEM keys', () => {
    const form = {
      ...emptyChannelForm('pay'),
      name: '支付',
      mchId: '1900000109',
      apiV3Key: 'a'.repeat(32),
      privateKey: `${PEM}\n`,
      certSerialNo: 'ABCDEF0123',
      secret: 'not-for-pay',
    }
    expect(channelFormToBody(form)).toEqual({
      type: 'pay',
      name: '支付',
      mchId: '1900000109',
      apiV3Key: 'a'.repeat(32),
      privateKey: PEM,
      certSerialNo: 'ABCDEF0123',
    })
  })

  it('edit: blank secrets are kept (left out), identity fields never sent', () => {
    const form = { ...channelToForm(account()), name: '新名字', token: 'newtoken' }
    expect(form.secret).toBe('')
    expect(channelFormToUpdateBody(form)).toEqual({ name: '新名字', enabled: true, token: 'newtoken' })
  })

  it('edit wecom: agentId stays a number', () => {
    const form = channelToForm(account({ type: 'wecom', appId: null, corpId: 'ww0123456789abcdef', agentId: 1000002 }))
    expect(form.agentId).toBe('1000002')
    expect(channelFormToUpdateBody(form)).toEqual({ name: '服务号', enabled: true, agentId: 1000002 })
  })
})

describe('required fields and formats', () => {
  it('lists what each type needs on create', () => {
    expect(validateChannelForm(emptyChannelForm('oa'), 'create')).toEqual({ name: 'required', appId: 'required', secret: 'required', token: 'required' })
    expect(validateChannelForm(emptyChannelForm('miniapp'), 'create')).toEqual({ name: 'required', appId: 'required', secret: 'required' })
    expect(validateChannelForm(emptyChannelForm('wecom'), 'create')).toEqual({
      name: 'required',
      corpId: 'required',
      agentId: 'required',
      secret: 'required',
      token: 'required',
      encodingAesKey: 'required',
    })
    expect(validateChannelForm(emptyChannelForm('pay'), 'create')).toEqual({
      name: 'required',
      mchId: 'required',
      apiV3Key: 'required',
      privateKey: 'required',
      certSerialNo: 'required',
    })
  })

  it('on edit secrets may stay blank', () => {
    expect(validateChannelForm(channelToForm(account()), 'edit')).toEqual({})
    const wecom = channelToForm(account({ type: 'wecom', appId: null, corpId: 'ww0123456789abcdef', agentId: 2 }))
    expect(validateChannelForm(wecom, 'edit')).toEqual({})
    expect(validateChannelForm({ ...wecom, agentId: '' }, 'edit')).toEqual({ agentId: 'required' })
  })

  it('checks formats like the server', () => {
    expect(checkField('oa', 'appId', 'wx0123456789abcdef', 'create')).toBeNull()
    expect(checkField('oa', 'appId', 'wa0123456789abcdef', 'create')).toBe('invalid')
    expect(checkField('oa', 'appId', 'wx123', 'create')).toBe('invalid')
    expect(checkField('wecom', 'corpId', 'wx0123456789abcdef', 'create')).toBe('invalid')
    expect(checkField('pay', 'mchId', '1234567', 'create')).toBe('invalid')
    expect(checkField('pay', 'mchId', '12345678', 'create')).toBeNull()
    expect(checkField('oa', 'encodingAesKey', AES, 'create')).toBeNull()
    expect(checkField('oa', 'encodingAesKey', AES.slice(1), 'create')).toBe('invalid')
    expect(checkField('oa', 'encodingAesKey', '', 'create')).toBeNull()
    expect(checkField('pay', 'apiV3Key', 'x'.repeat(31), 'create')).toBe('invalid')
    expect(checkField('pay', 'privateKey', 'not a key', 'create')).toBe('invalid')
    expect(checkField('pay', 'privateKey', PEM, 'create')).toBeNull()
    expect(checkField('oa', 'token', 'bad token!', 'create')).toBe('invalid')
    expect(checkField('wecom', 'agentId', '0', 'create')).toBe('invalid')
  })
})

describe('display helpers', () => {
  it('shows the WeChat id of any type', () => {
    expect(externalId(account())).toBe('wx0123456789abcdef')
    expect(externalId({ appId: null, corpId: null, mchId: '1900000109' })).toBe('1900000109')
  })

  it('lists stored secrets with hints only', () => {
    expect(storedSecrets(account())).toEqual([
      { field: 'secret', hint: '****a1b2' },
      { field: 'token', hint: '****' },
    ])
  })

  it('reads the stored test result', () => {
    expect(parseTestResult(null)).toBeNull()
    expect(parseTestResult('ok: access token fetched')).toEqual({ ok: true, message: 'access token fetched' })
    expect(parseTestResult('failed: 40125 invalid appsecret')).toEqual({ ok: false, message: '40125 invalid appsecret' })
  })
})
