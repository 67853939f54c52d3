import { beforeEach, describe, expect, it, vi } from 'vitest'
import { formatApiError } from './middleware'
import { ApiError, configureApi, createApiClient, unwrap } from './request'

describe('formatApiError', () => {
  it('joins the message with one line per field detail', () => {
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      details: [
        { field: 'phone', message: 'must be 11 digits' },
        { field: 'name', message: 'is required' },
      ],
    }
    expect(formatApiError(body, 400)).toBe('Validation failed\nphone: must be 11 digits\nname: is required')
  })

  it('accepts Nest-style message arrays and skips details the message already says', () => {
    expect(formatApiError({ message: ['a', 'b'] }, 400)).toBe('a; b')
    expect(formatApiError({ message: 'Tag exists', details: [{ field: '', message: 'Tag exists' }] }, 409)).toBe('Tag exists')
    // the server's shape: details folded into the message
    const body = {
      statusCode: 400,
      message: 'name: name must be longer than or equal to 1 characters; color: color must be #RRGGBB',
      details: [
        { field: 'name', message: 'name must be longer than or equal to 1 characters' },
        { field: 'color', message: 'color must be #RRGGBB' },
      ],
    }
    expect(formatApiError(body, 400)).toBe(body.message)
  })

  it('falls back to the HTTP status for bodies that are not error bodies', () => {
    expect(formatApiError(null, 502)).toBe('HTTP 502')
    expect(formatApiError('oops', 500)).toBe('HTTP 500')
  })
})

type Handler = (req: Request) => Response | Promise<Response>

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

/** A fake server: records requests, answers with `handler`. */
function fakeFetch(handler: Handler) {
  const calls: { url: string; method: string; auth: string | null; lang: string | null; body: string }[] = []
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init)
    const body = await req.clone().text()
    calls.push({
      url: new URL(req.url).pathname,
      method: req.method,
      auth: req.headers.get('Authorization'),
      lang: req.headers.get('Accept-Language'),
      body,
    })
    return handler(req)
  })
  return { calls, fetchImpl: fetchImpl as unknown as typeof fetch }
}

describe('API client interceptors', () => {
  let session: { accessToken: string | null; refreshToken: string | null }
  const toasts: string[] = []
  const onAuthFailure = vi.fn()

  beforeEach(() => {
    session = { accessToken: 'old-access', refreshToken: 'old-refresh' }
    toasts.length = 0
    onAuthFailure.mockReset()
    configureApi({
      getAccessToken: () => session.accessToken,
      getRefreshToken: () => session.refreshToken,
      onTokens: (pair) => {
        session = { accessToken: pair.accessToken, refreshToken: pair.refreshToken }
      },
      onAuthFailure,
      getLocale: () => 'en',
      notifyError: (m) => toasts.push(m),
      networkErrorMessage: () => 'network down',
    })
  })

  const me = { id: 1, username: 'admin', displayName: 'Admin', role: 'owner', storeIds: [] }

  it('sends the bearer token and the language', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, me))
    const client = createApiClient('http://api.test', fetchImpl)
    const data = unwrap(await client.GET('/api/auth/me'))
    expect(data.username).toBe('admin')
    expect(calls[0]).toMatchObject({ url: '/api/auth/me', auth: 'Bearer old-access', lang: 'en' })
  })

  it('refreshes once on 401 with token rotation and retries the request with its body', async () => {
    const { calls, fetchImpl } = fakeFetch(async (req) => {
      const path = new URL(req.url).pathname
      if (path === '/api/auth/refresh') {
        const { refreshToken } = (await req.json()) as { refreshToken: string }
        return refreshToken === 'old-refresh'
          ? json(200, { accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 900, user: me })
          : json(401, { statusCode: 401, message: 'Invalid refresh token' })
      }
      if (req.headers.get('Authorization') !== 'Bearer new-access') return json(401, { statusCode: 401, message: 'expired' })
      return json(201, { id: 5, name: 'VIP', groupId: null, color: null, description: null, memberCount: 0 })
    })
    const client = createApiClient('http://api.test', fetchImpl)
    const tag = unwrap(await client.POST('/api/tags', { body: { name: 'VIP' } }))
    expect(tag.id).toBe(5)
    expect(session).toEqual({ accessToken: 'new-access', refreshToken: 'new-refresh' })
    expect(calls.map((c) => c.url)).toEqual(['/api/tags', '/api/auth/refresh', '/api/tags'])
    expect(calls[2]).toMatchObject({ auth: 'Bearer new-access', body: JSON.stringify({ name: 'VIP' }) })
    expect(toasts).toEqual([])
    expect(onAuthFailure).not.toHaveBeenCalled()
  })

  it('shares one refresh between concurrent 401s (a rotated refresh token is single-use)', async () => {
    let refreshes = 0
    const { fetchImpl } = fakeFetch(async (req) => {
      const path = new URL(req.url).pathname
      if (path === '/api/auth/refresh') {
        refreshes += 1
        await new Promise((r) => setTimeout(r, 10))
        return json(200, { accessToken: `a${refreshes}`, refreshToken: `r${refreshes}`, expiresIn: 900, user: me })
      }
      return req.headers.get('Authorization') === 'Bearer a1' ? json(200, me) : json(401, { message: 'expired' })
    })
    const client = createApiClient('http://api.test', fetchImpl)
    const results = await Promise.all([client.GET('/api/auth/me'), client.GET('/api/auth/me'), client.GET('/api/auth/me')])
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200])
    expect(refreshes).toBe(1)
  })

  it('gives up when the refresh is refused: session failure, no toast, the 401 reaches the caller', async () => {
    const { calls, fetchImpl } = fakeFetch((req) =>
      new URL(req.url).pathname === '/api/auth/refresh' ? json(401, { message: 'revoked' }) : json(401, { message: 'expired' }),
    )
    const client = createApiClient('http://api.test', fetchImpl)
    const result = await client.GET('/api/auth/me')
    expect(result.response.status).toBe(401)
    expect(() => unwrap(result)).toThrow(ApiError)
    expect(onAuthFailure).toHaveBeenCalledTimes(1)
    expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1)
    expect(toasts).toEqual([])
  })

  it('does not refresh on a wrong-password 401 from login, and leaves the message to the form', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(401, { statusCode: 401, message: 'Wrong username or password' }))
    const client = createApiClient('http://api.test', fetchImpl)
    const result = await client.POST('/api/auth/login', { body: { username: 'a', password: 'b' } })
    expect(() => unwrap(result)).toThrow('Wrong username or password')
    expect(calls).toHaveLength(1)
    expect(toasts).toEqual([])
    expect(onAuthFailure).not.toHaveBeenCalled()
  })

  it('toasts 4xx errors with message and details, and exposes field errors', async () => {
    const body = { statusCode: 400, error: 'Bad Request', message: 'Duplicate', details: [{ field: 'name', message: 'already used' }] }
    const { fetchImpl } = fakeFetch(() => json(400, body))
    const client = createApiClient('http://api.test', fetchImpl)
    const result = await client.POST('/api/tags', { body: { name: 'VIP' } })
    expect(toasts).toEqual(['Duplicate\nname: already used'])
    try {
      unwrap(result)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError)
      expect((e as ApiError).status).toBe(400)
      expect((e as ApiError).fieldErrors).toEqual({ name: 'already used' })
    }
  })

  it('leaves a 404 of the member page to the page, but still toasts other failures of that path', async () => {
    const body = { statusCode: 404, message: 'member 7 was merged into member 3 (merge #1)', details: [{ field: 'id', message: 'merged into 3' }] }
    const { fetchImpl } = fakeFetch((req) => (req.method === 'GET' ? json(404, body) : json(400, { statusCode: 400, message: 'bad' })))
    const client = createApiClient('http://api.test', fetchImpl)
    const result = await client.GET('/api/members/{id}', { params: { path: { id: 7 } } })
    expect(() => unwrap(result)).toThrow('member 7 was merged into member 3')
    expect(toasts).toEqual([])
    await client.PATCH('/api/members/{id}', { params: { path: { id: 7 } }, body: {} })
    expect(toasts).toEqual(['bad'])
  })

  it('toasts a network error', async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch
    const client = createApiClient('http://api.test', fetchImpl)
    await expect(client.GET('/api/auth/me')).rejects.toThrow()
    expect(toasts).toEqual(['network down'])
  })
})
