// The member session: token (kept in storage) and the member it belongs to.
import Taro from '@tarojs/taro'
import { defineStore, type Pinia } from 'pinia'
import { computed, ref } from 'vue'
import { getMpConfig, mpLogin, sandboxLoginCode, sandboxPhoneCode } from '@/api/auth'
import { bindPhone as bindPhoneApi, getMe, updateMe, type MpMember, type MpPhoneBound } from '@/api/member'
import { setSessionHooks } from '@/api/request'
import { obtainLoginCredentials } from '@/utils/login-flow'
import { getOrCreateSandboxOpenid } from '@/utils/openid'
import { taroStorage } from '@/utils/taro-storage'

export const TOKEN_KEY = 'scrm.mp.token'

function weappAppId(): string | undefined {
  try {
    return Taro.getAccountInfoSync().miniProgram.appId || undefined
  } catch {
    return undefined
  }
}

export const useSessionStore = defineStore('session', () => {
  const token = ref<string | null>(taroStorage.get(TOKEN_KEY))
  const member = ref<MpMember | null>(null)
  const isLoggedIn = computed(() => !!token.value)

  let loggingIn: Promise<void> | null = null

  function setToken(value: string) {
    token.value = value
    taroStorage.set(TOKEN_KEY, value)
  }

  function clear() {
    token.value = null
    member.value = null
    taroStorage.remove(TOKEN_KEY)
  }

  async function doLogin() {
    const credentials = await obtainLoginCredentials({
      taroEnv: process.env.TARO_ENV,
      wxLogin: () => Taro.login(),
      weappAppId,
      getConfig: getMpConfig,
      sandboxLoginCode,
      storage: taroStorage,
    })
    const result = await mpLogin(credentials)
    setToken(result.token)
    member.value = result.member
  }

  /** Logs in; concurrent callers share one attempt. */
  function login(): Promise<void> {
    if (!loggingIn) {
      loggingIn = doLogin().finally(() => {
        loggingIn = null
      })
    }
    return loggingIn
  }

  async function ensureLogin() {
    if (!token.value) await login()
  }

  /** Used by the request module on a 401: drop the dead token and log in again. */
  async function relogin() {
    clear()
    await login()
  }

  async function loadMe(): Promise<MpMember> {
    await ensureLogin()
    const me = await getMe()
    member.value = me
    return me
  }

  async function updateNickname(nickname: string): Promise<MpMember> {
    await ensureLogin()
    const me = await updateMe({ nickname: nickname.trim() })
    member.value = me
    return me
  }

  /** Binds the phone WeChat verified: `code` from the getPhoneNumber button. */
  async function bindPhone(code: string): Promise<MpPhoneBound> {
    await ensureLogin()
    const res = await bindPhoneApi(code)
    return applyPhoneBinding(res)
  }

  /** The phone answer: when this record was merged into an older one, its new session replaces ours. */
  function applyPhoneBinding(res: MpPhoneBound): MpPhoneBound {
    const { phoneBinding: _outcome, token: newToken, expiresIn: _ttl, ...me } = res
    if (newToken) setToken(newToken)
    member.value = me
    return res
  }

  /** H5 (sandbox): the number typed in plays the one WeChat holds; the sandbox issues the button's code. */
  async function bindSandboxPhone(phone: string): Promise<MpPhoneBound> {
    await ensureLogin()
    const { code } = await sandboxPhoneCode({ openid: getOrCreateSandboxOpenid(taroStorage), phone })
    return bindPhone(code)
  }

  return { token, member, isLoggedIn, login, ensureLogin, relogin, clear, loadMe, updateNickname, bindPhone, bindSandboxPhone }
})

/** Wires the request module to this store (token for the header, re-login on 401). */
export function installSession(pinia: Pinia): void {
  const session = useSessionStore(pinia)
  setSessionHooks({
    getToken: () => session.token,
    relogin: () => session.relogin(),
  })
}
