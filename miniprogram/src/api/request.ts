// The one request module: Taro.request + Taro.addInterceptor for the member token and errors.
import Taro from '@tarojs/taro'
import { joinUrl, resolveApiBase } from './core/endpoint'
import { ApiError } from './core/errors'
import {
  createAuthInterceptor,
  createErrorInterceptor,
  createSessionInterceptor,
  type Interceptor,
} from './core/interceptors'

export { ApiError } from './core/errors'

export const API_BASE = resolveApiBase(
  process.env.TARO_ENV,
  process.env.TARO_APP_API_BASE,
  process.env.TARO_APP_WEAPP_API_BASE,
)

/** What the request module needs from the session (set by the session store at startup). */
export interface SessionHooks {
  getToken(): string | null
  /** Clear the stored session and log in again; resolves when a new token is stored. */
  relogin(): Promise<unknown>
}

let hooks: SessionHooks = {
  getToken: () => null,
  relogin: () => Promise.reject(new ApiError(401, '未登录')),
}

export function setSessionHooks(next: SessionHooks): void {
  hooks = next
}

let installed = false

/** Interceptors run in the order added, the network call last. */
export function installInterceptors(): void {
  if (installed) return
  installed = true
  const add = (i: Interceptor) => Taro.addInterceptor(i as unknown as Parameters<typeof Taro.addInterceptor>[0])
  add(createErrorInterceptor())
  add(createSessionInterceptor({ getToken: () => hooks.getToken(), relogin: () => hooks.relogin() }))
  add(createAuthInterceptor({ getToken: () => hooks.getToken(), apiBase: API_BASE }))
}

export interface RequestOptions {
  url: string
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  data?: unknown
  timeout?: number
}

export async function request<T>(opts: RequestOptions): Promise<T> {
  installInterceptors()
  const res = await Taro.request<T>({
    url: joinUrl(API_BASE, opts.url),
    method: opts.method ?? 'GET',
    data: opts.data as TaroGeneral.IAnyObject | undefined,
    header: { 'Content-Type': 'application/json' },
    timeout: opts.timeout ?? 15000,
    dataType: 'json',
  })
  return res.data
}
