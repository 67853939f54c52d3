import { describe, expect, it, vi } from 'vitest'
import { ApiError } from './errors'
import {
  createAuthInterceptor,
  createErrorInterceptor,
  createSessionInterceptor,
  type Chain,
  type Interceptor,
  type RequestParams,
  type RequestResult,
} from './interceptors'

/** Runs params through interceptors the way Taro's Link/Chain does, ending at `send`. */
function run(interceptors: Interceptor[], send: (p: RequestParams) => Promise<RequestResult>, params: RequestParams) {
  const all: Interceptor[] = [...interceptors, (chain) => send(chain.requestParams)]
  const makeChain = (index: number, requestParams: RequestParams): Chain => ({
    requestParams,
    proceed(next) {
      return all[index + 1](makeChain(index + 1, next))
    },
  })
  return all[0](makeChain(0, params))
}

/** A fake server: accepts only `valid` tokens on /api/mp/me. */
function fakeServer(state: { valid: string }) {
  return vi.fn(async (p: RequestParams): Promise<RequestResult> => {
    const auth = p.header?.Authorization
    if (p.url.endsWith('/api/mp/me')) {
      if (auth === `Bearer ${state.valid}`) return { statusCode: 200, data: { id: 7 } }
      return { statusCode: 401, data: { statusCode: 401, error: 'Unauthorized', message: 'token expired' } }
    }
    return { statusCode: 200, data: { ok: true, auth: auth ?? null } }
  })
}

function setup(initialToken: string | null, state: { valid: string }, newToken = 'fresh') {
  let token: string | null = initialToken
  const relogin = vi.fn(async () => {
    token = null
    await Promise.resolve()
    token = newToken
    state.valid = newToken
  })
  const getToken = () => token
  const chain = [
    createErrorInterceptor(),
    createSessionInterceptor({ getToken, relogin }),
    createAuthInterceptor({ getToken, apiBase: '' }),
  ]
  return { chain, relogin, getToken: () => token }
}

describe('auth interceptor', () => {
  it('adds the bearer token to member endpoints but not to login or sandbox', async () => {
    const state = { valid: 't1' }
    const send = fakeServer(state)
    const { chain } = setup('t1', state)
    await run(chain, send, { url: '/api/mp/me' })
    await run(chain, send, { url: '/api/mp/auth/login', method: 'POST' })
    await run(chain, send, { url: '/sandbox/miniapp/login-code', method: 'POST' })
    expect(send.mock.calls[0][0].header?.Authorization).toBe('Bearer t1')
    expect(send.mock.calls[1][0].header?.Authorization).toBeUndefined()
    expect(send.mock.calls[2][0].header?.Authorization).toBeUndefined()
  })
})

describe('session interceptor (401)', () => {
  it('logs in again once and retries with the new token', async () => {
    const state = { valid: 'other' }
    const send = fakeServer(state)
    const { chain, relogin } = setup('stale', state)
    const res = await run(chain, send, { url: '/api/mp/me' })
    expect(res.data).toEqual({ id: 7 })
    expect(relogin).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenCalledTimes(2)
    expect(send.mock.calls[1][0].header?.Authorization).toBe('Bearer fresh')
  })

  it('shares one re-login among concurrent 401s', async () => {
    const state = { valid: 'other' }
    const send = fakeServer(state)
    const { chain, relogin } = setup('stale', state)
    const results = await Promise.all([1, 2, 3].map(() => run(chain, send, { url: '/api/mp/me' })))
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200])
    expect(relogin).toHaveBeenCalledTimes(1)
  })

  it('gives up after one retry: a second 401 becomes an ApiError', async () => {
    const state = { valid: 'never' }
    const send = vi.fn(async (): Promise<RequestResult> => ({ statusCode: 401, data: { message: 'no' } }))
    let token: string | null = 'stale'
    const relogin = vi.fn(async () => {
      token = 'fresh-but-rejected'
    })
    const getToken = () => token
    const chain = [
      createErrorInterceptor(),
      createSessionInterceptor({ getToken, relogin }),
      createAuthInterceptor({ getToken, apiBase: '' }),
    ]
    await expect(run(chain, send, { url: '/api/mp/me' })).rejects.toMatchObject({ statusCode: 401 })
    expect(relogin).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenCalledTimes(2)
    expect(state.valid).toBe('never')
  })

  it('does not re-login on a 401 from the login endpoint itself', async () => {
    const send = vi.fn(async (): Promise<RequestResult> => ({ statusCode: 401, data: { message: 'bad code' } }))
    const relogin = vi.fn(async () => undefined)
    const chain = [
      createErrorInterceptor(),
      createSessionInterceptor({ getToken: () => null, relogin }),
      createAuthInterceptor({ getToken: () => null, apiBase: '' }),
    ]
    const err = await run(chain, send, { url: '/api/mp/auth/login', method: 'POST' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toBe('bad code')
    expect(relogin).not.toHaveBeenCalled()
  })

  it('propagates a failed re-login', async () => {
    const send = vi.fn(async (): Promise<RequestResult> => ({ statusCode: 401, data: null }))
    const relogin = vi.fn(async () => {
      throw new ApiError(503, '服务暂时不可用，请稍后重试')
    })
    const chain = [
      createErrorInterceptor(),
      createSessionInterceptor({ getToken: () => 'stale', relogin }),
      createAuthInterceptor({ getToken: () => 'stale', apiBase: '' }),
    ]
    await expect(run(chain, send, { url: '/api/mp/me' })).rejects.toMatchObject({ statusCode: 503 })
  })
})
