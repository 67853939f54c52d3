import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'
import type { AdminUser, Role } from '@/api/types'
import { readJson, readString, writeJson, writeString } from '@/utils/storage'

export const STORE_ROLES: Role[] = ['store_manager', 'store_staff']

export const useAuthStore = defineStore('auth', () => {
  const accessToken = ref<string | null>(readString('accessToken'))
  const refreshToken = ref<string | null>(readString('refreshToken'))
  const user = ref<AdminUser | null>(readJson<AdminUser>('user'))

  const isLoggedIn = computed(() => Boolean(accessToken.value && refreshToken.value))
  const role = computed<Role | null>(() => user.value?.role ?? null)
  /** owner and operator see every store; store roles only their storeIds. */
  const seesAllStores = computed(() => role.value === 'owner' || role.value === 'operator')
  const isOwner = computed(() => role.value === 'owner')

  function hasRole(...roles: Role[]): boolean {
    return role.value !== null && roles.includes(role.value)
  }

  function setSession(session: { accessToken: string; refreshToken: string; user?: unknown }): void {
    accessToken.value = session.accessToken
    refreshToken.value = session.refreshToken
    writeString('accessToken', session.accessToken)
    writeString('refreshToken', session.refreshToken)
    if (session.user) setUser(session.user as AdminUser)
  }

  function setUser(next: AdminUser | null): void {
    user.value = next
    writeJson('user', next)
  }

  function clearSession(): void {
    accessToken.value = null
    refreshToken.value = null
    writeString('accessToken', null)
    writeString('refreshToken', null)
    setUser(null)
  }

  async function login(username: string, password: string): Promise<void> {
    setSession(await authApi.login(username, password))
  }

  async function loadMe(): Promise<AdminUser> {
    const me = await authApi.fetchMe()
    setUser(me)
    return me
  }

  async function logout(): Promise<void> {
    const token = refreshToken.value
    clearSession()
    if (token) {
      try {
        await authApi.logout(token)
      } catch {
        // the local session is gone either way
      }
    }
  }

  return {
    accessToken,
    refreshToken,
    user,
    isLoggedIn,
    role,
    seesAllStores,
    isOwner,
    hasRole,
    setSession,
    setUser,
    clearSession,
    login,
    loadMe,
    logout,
  }
})
