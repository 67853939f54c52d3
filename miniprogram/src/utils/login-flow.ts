// How this build gets a login code. Pure: the platform calls are passed in.
import { getOrCreateSandboxOpenid } from './openid'
import type { KeyValueStorage } from './storage'

export type LoginBranch = 'wx' | 'sandbox'

/** weapp (and other mini-program targets) use wx.login; the H5 build asks the sandbox. */
export function loginBranch(taroEnv: string | undefined): LoginBranch {
  return taroEnv === 'h5' ? 'sandbox' : 'wx'
}

export interface LoginCredentials {
  code: string
  appId?: string
}

export interface LoginFlowDeps {
  taroEnv: string | undefined
  /** Taro.login() */
  wxLogin(): Promise<{ code?: string }>
  /** The running mini-program's AppID (Taro.getAccountInfoSync), if known */
  weappAppId(): string | undefined
  /** GET /api/mp/config */
  getConfig(): Promise<{ appId: string; sandbox: boolean }>
  /** POST /sandbox/miniapp/login-code */
  sandboxLoginCode(body: { appId?: string; openid?: string }): Promise<{ code: string }>
  storage: KeyValueStorage
}

export class LoginError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LoginError'
  }
}

export async function obtainLoginCredentials(deps: LoginFlowDeps): Promise<LoginCredentials> {
  if (loginBranch(deps.taroEnv) === 'wx') {
    const { code } = await deps.wxLogin()
    if (!code) throw new LoginError('微信登录失败，请稍后重试')
    const appId = deps.weappAppId()
    return appId ? { code, appId } : { code }
  }

  const config = await deps.getConfig()
  if (!config.sandbox) {
    throw new LoginError('网页版仅在沙箱环境可用，请在微信中打开小程序')
  }
  const openid = getOrCreateSandboxOpenid(deps.storage)
  const { code } = await deps.sandboxLoginCode({ appId: config.appId, openid })
  if (!code) throw new LoginError('获取登录凭证失败，请稍后重试')
  return { code, appId: config.appId }
}
