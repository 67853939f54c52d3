import { describe, expect, it, vi } from 'vitest'
import { LoginError, loginBranch, obtainLoginCredentials, type LoginFlowDeps } from './login-flow'
import { SANDBOX_OPENID_KEY, generateSandboxOpenid, getOrCreateSandboxOpenid, isSandboxOpenid } from './openid'
import { memoryStorage } from './storage'

function deps(over: Partial<LoginFlowDeps> = {}): LoginFlowDeps {
  return {
    taroEnv: 'h5',
    wxLogin: vi.fn(async () => ({ code: 'wx-code' })),
    weappAppId: vi.fn(() => 'wx1234567890abcdef'),
    getConfig: vi.fn(async () => ({ appId: 'wxsandboxapp', sandbox: true })),
    sandboxLoginCode: vi.fn(async (body: { appId?: string; openid?: string }) => ({ code: `sb-${body.openid}` })),
    storage: memoryStorage(),
    ...over,
  }
}

describe('loginBranch', () => {
  it('uses wx.login everywhere but H5', () => {
    expect(loginBranch('weapp')).toBe('wx')
    expect(loginBranch('h5')).toBe('sandbox')
    expect(loginBranch(undefined)).toBe('wx')
  })
})

describe('obtainLoginCredentials', () => {
  it('weapp: Taro.login code with the running AppID, no sandbox calls', async () => {
    const d = deps({ taroEnv: 'weapp' })
    await expect(obtainLoginCredentials(d)).resolves.toEqual({ code: 'wx-code', appId: 'wx1234567890abcdef' })
    expect(d.sandboxLoginCode).not.toHaveBeenCalled()
    expect(d.getConfig).not.toHaveBeenCalled()
  })

  it('weapp: fails clearly without a code', async () => {
    const d = deps({ taroEnv: 'weapp', wxLogin: async () => ({}) })
    await expect(obtainLoginCredentials(d)).rejects.toBeInstanceOf(LoginError)
  })

  it('h5: asks the sandbox for a code with the config AppID and a stored openid', async () => {
    const d = deps()
    const first = await obtainLoginCredentials(d)
    const openid = d.storage.get(SANDBOX_OPENID_KEY)
    expect(isSandboxOpenid(openid)).toBe(true)
    expect(first).toEqual({ code: `sb-${openid}`, appId: 'wxsandboxapp' })
    expect(d.wxLogin).not.toHaveBeenCalled()
    expect(d.sandboxLoginCode).toHaveBeenCalledWith({ appId: 'wxsandboxapp', openid })
  })

  it('h5: the same browser keeps the same openid (same member)', async () => {
    const storage = memoryStorage()
    const a = await obtainLoginCredentials(deps({ storage }))
    const b = await obtainLoginCredentials(deps({ storage }))
    expect(a.code).toBe(b.code)
  })

  it('h5: refuses when the server is not in sandbox mode', async () => {
    const d = deps({ getConfig: async () => ({ appId: 'wxlive', sandbox: false }) })
    await expect(obtainLoginCredentials(d)).rejects.toThrow('沙箱')
    expect(d.sandboxLoginCode).not.toHaveBeenCalled()
  })
})

describe('sandbox openid', () => {
  it('looks like a WeChat openid', () => {
    const id = generateSandboxOpenid()
    expect(id).toMatch(/^o[A-Za-z0-9_-]{27}$/)
    expect(generateSandboxOpenid()).not.toBe(id)
  })

  it('replaces a corrupt stored value', () => {
    const storage = memoryStorage({ [SANDBOX_OPENID_KEY]: 'garbage' })
    const id = getOrCreateSandboxOpenid(storage)
    expect(isSandboxOpenid(id)).toBe(true)
    expect(storage.get(SANDBOX_OPENID_KEY)).toBe(id)
    expect(getOrCreateSandboxOpenid(storage)).toBe(id)
  })
})
