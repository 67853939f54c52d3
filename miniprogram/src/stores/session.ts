// The member session: token (kept in storage) and the member it belongs to.
import Taro from '@tarojs/taro'
import { defineStore, type Pinia } from 'pinia'
import { computed, ref } from 'vue'
import { getMpConfig, mpLogin, sandboxLoginCode } from '@/api/auth'
import { getMe, updateMe, type MpMember } from '@/api/member'
import { setSessionHooks } from '@/api/request'
import { obtainLoginCredentials } from '@/utils/login-flow'
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

  return { token, member, isLoggedIn, login, ensureLogin, relogin, clear, loadMe, updateNickname }
})

/** Wires the request module to this store (token for the header, re-login on 401). */
export function installSession(pinia: Pinia): void {
  const session = useSessionStore(pinia)
  setSessionHooks({
    getToken: () => session.token,
    relogin: () => session.relogin(),
  })
}
