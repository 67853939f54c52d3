// Member login and the sandbox's stand-in for wx.login (H5 only).
import { request } from './request'
import type { BodyOf, ResponseOf } from './core/types'

export type MpLoginBody = BodyOf<'/api/mp/auth/login', 'post'>
export type MpLoginResult = ResponseOf<'/api/mp/auth/login', 'post'>
export type MpConfig = ResponseOf<'/api/mp/config', 'get'>
export type SandboxLoginCodeBody = BodyOf<'/sandbox/miniapp/login-code', 'post'>
export type SandboxLoginCode = ResponseOf<'/sandbox/miniapp/login-code', 'post'>

export function mpLogin(body: MpLoginBody): Promise<MpLoginResult> {
  return request<MpLoginResult>({ url: '/api/mp/auth/login', method: 'POST', data: body })
}

export function getMpConfig(): Promise<MpConfig> {
  return request<MpConfig>({ url: '/api/mp/config' })
}

export function sandboxLoginCode(body: SandboxLoginCodeBody): Promise<SandboxLoginCode> {
  return request<SandboxLoginCode>({ url: '/sandbox/miniapp/login-code', method: 'POST', data: body })
}

export type SandboxPhoneCodeBody = BodyOf<'/sandbox/miniapp/phone-code', 'post'>
export type SandboxPhoneCode = ResponseOf<'/sandbox/miniapp/phone-code', 'post'>

/** H5 stand-in for the getPhoneNumber button: the sandbox issues the code WeChat would. */
export function sandboxPhoneCode(body: SandboxPhoneCodeBody): Promise<SandboxPhoneCode> {
  return request<SandboxPhoneCode>({ url: '/sandbox/miniapp/phone-code', method: 'POST', data: body })
}
