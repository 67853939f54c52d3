import { describe, expect, it } from 'vitest'
import { isApiEndpoint, isPublicEndpoint, joinUrl, pathOf, resolveApiBase } from './endpoint'

describe('resolveApiBase', () => {
  it('uses same origin for H5 when nothing is configured', () => {
    expect(resolveApiBase('h5', '', 'http://127.0.0.1:3000')).toBe('')
    expect(resolveApiBase('h5', undefined, undefined)).toBe('')
  })

  it('falls back to the weapp host for mini-program builds', () => {
    expect(resolveApiBase('weapp', '', 'https://api.example.com/')).toBe('https://api.example.com')
  })

  it('prefers TARO_APP_API_BASE on every platform', () => {
    expect(resolveApiBase('h5', ' https://scrm.example.com// ', 'x')).toBe('https://scrm.example.com')
    expect(resolveApiBase('weapp', 'https://scrm.example.com', 'https://other')).toBe('https://scrm.example.com')
  })
})

describe('joinUrl / pathOf', () => {
  it('joins base and path with one slash', () => {
    expect(joinUrl('', '/api/mp/me')).toBe('/api/mp/me')
    expect(joinUrl('https://a.example/', 'api/mp/me')).toBe('https://a.example/api/mp/me')
    expect(joinUrl('https://a.example', 'https://b.example/x')).toBe('https://b.example/x')
  })

  it('extracts the path', () => {
    expect(pathOf('https://a.example/api/mp/me?x=1')).toBe('/api/mp/me')
    expect(pathOf('/sandbox/miniapp/login-code#h')).toBe('/sandbox/miniapp/login-code')
  })
})

describe('endpoint classes', () => {
  it('treats login, sandbox and config as public', () => {
    expect(isPublicEndpoint('/api/mp/auth/login')).toBe(true)
    expect(isPublicEndpoint('https://a.example/sandbox/miniapp/login-code')).toBe(true)
    expect(isPublicEndpoint('/api/mp/config')).toBe(true)
    expect(isPublicEndpoint('/api/mp/me')).toBe(false)
  })

  it('only sends the token to our own API', () => {
    expect(isApiEndpoint('/api/mp/me', '')).toBe(true)
    expect(isApiEndpoint('https://a.example/api/mp/me', 'https://a.example')).toBe(true)
    expect(isApiEndpoint('https://evil.example/api/mp/me', 'https://a.example')).toBe(false)
    expect(isApiEndpoint('https://cdn.example/avatar.png', '')).toBe(false)
  })
})
