import { describe, expect, it } from 'vitest'
import type { SandboxCall } from '@/api/types'
import {
  callErrcode,
  emptyFaultForm,
  emptyOaForm,
  emptyWecomForm,
  faultBody,
  faultFormProblem,
  newSandboxOpenid,
  newestFirst,
  oaEmitBody,
  OPENID_PATTERN,
  pollFor,
  wecomEmitBody,
  wecomSubject,
} from './data'

describe('sandbox consumer ids', () => {
  it('makes openids the sandbox accepts', () => {
    const id = newSandboxOpenid()
    expect(id).toMatch(/^oSandbox[A-Za-z0-9]{20}$/)
    expect(OPENID_PATTERN.test(id)).toBe(true)
    expect(newSandboxOpenid()).not.toBe(id)
  })
})

describe('OA push body', () => {
  it('subscribe with a scene sends only what the kind uses', () => {
    const form = { ...emptyOaForm(' oSandboxABC '), appId: 'wx0123456789abcdef', scene: ' store_12 ', content: 'ignored' }
    expect(oaEmitBody(form)).toEqual({ appId: 'wx0123456789abcdef', kind: 'subscribe', openid: 'oSandboxABC', scene: 'store_12' })
  })

  it('explicit mode and numeric coordinates', () => {
    const form = { ...emptyOaForm('oSandboxABC'), appId: 'wx1', kind: 'location' as const, mode: 'plain' as const, latitude: '31.2', longitude: 'x' }
    expect(oaEmitBody(form)).toEqual({ appId: 'wx1', kind: 'location', openid: 'oSandboxABC', mode: 'plain', latitude: 31.2 })
  })

  it('text, click and view carry their own field', () => {
    const base = { ...emptyOaForm('oSandboxABC'), appId: 'wx1', content: 'hi', key: 'MENU_1', url: 'https://x' }
    expect(oaEmitBody({ ...base, kind: 'text' })).toMatchObject({ content: 'hi' })
    expect(oaEmitBody({ ...base, kind: 'click' })).toEqual({ appId: 'wx1', kind: 'click', openid: 'oSandboxABC', key: 'MENU_1' })
    expect(oaEmitBody({ ...base, kind: 'view' })).toEqual({ appId: 'wx1', kind: 'view', openid: 'oSandboxABC', url: 'https://x' })
    expect(oaEmitBody({ ...base, kind: 'unsubscribe' })).toEqual({ appId: 'wx1', kind: 'unsubscribe', openid: 'oSandboxABC' })
  })
})

describe('WeCom push body', () => {
  it('add_contact with state', () => {
    const form = { ...emptyWecomForm('wmSandboxX1'), corpId: 'ww1', userId: 'zhangsan', state: 'store_12', chatId: 'ignored' }
    const body = wecomEmitBody(form)
    expect(body).toEqual({ corpId: 'ww1', kind: 'add_contact', userId: 'zhangsan', externalUserId: 'wmSandboxX1', state: 'store_12' })
    expect(wecomSubject(body)).toBe('wmSandboxX1')
  })

  it('tag_changed is about no customer', () => {
    const body = wecomEmitBody({ ...emptyWecomForm('wmSandboxX1'), corpId: 'ww1', kind: 'tag_changed', tagId: 'et1' })
    expect(body).toEqual({ corpId: 'ww1', kind: 'tag_changed', tagId: 'et1' })
    expect(wecomSubject(body)).toBeNull()
  })
})

describe('faults', () => {
  it('needs an API path and an effect', () => {
    expect(faultFormProblem({ ...emptyFaultForm(), api: 'cgi-bin/token', errcode: '1' })).toBe('api')
    expect(faultFormProblem(emptyFaultForm())).toBe('effect')
    expect(faultFormProblem({ ...emptyFaultForm(), latencyMs: '1500' })).toBeNull()
  })

  it('sends numbers as numbers, skips blanks', () => {
    expect(faultBody({ ...emptyFaultForm(), errcode: '45009', errmsg: ' reach max api daily quota limit ', times: '2' })).toEqual({
      api: '/cgi-bin/token',
      errcode: 45009,
      errmsg: 'reach max api daily quota limit',
      times: 2,
    })
  })
})

describe('calls log', () => {
  const call = (id: number, response: unknown): SandboxCall =>
    ({ id, api: '/cgi-bin/token', method: 'GET', query: {}, body: null, status: 200, response, at: '2026-11-23T04:00:00Z' }) as SandboxCall

  it('reads the errcode of a response', () => {
    expect(callErrcode(call(1, { errcode: 40125, errmsg: 'invalid appsecret' }))).toBe(40125)
    expect(callErrcode(call(1, { access_token: 'x', expires_in: 7200 }))).toBeNull()
    expect(callErrcode(call(1, null))).toBeNull()
  })

  it('shows newest first', () => {
    expect(newestFirst([call(1, null), call(3, null), call(2, null)]).map((c) => c.id)).toEqual([3, 2, 1])
  })
})

describe('pollFor', () => {
  it('retries until found', async () => {
    let n = 0
    const sleeps: number[] = []
    const found = await pollFor(async () => (++n >= 3 ? 'member' : null), 5, 100, async (ms) => void sleeps.push(ms))
    expect(found).toBe('member')
    expect(sleeps).toEqual([100, 100])
  })

  it('gives up after the attempts, tolerating errors', async () => {
    const found = await pollFor(async () => Promise.reject(new Error('x')), 3, 1, async () => undefined)
    expect(found).toBeNull()
  })
})
