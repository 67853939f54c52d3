// Member (mini-program) API: thin typed functions over the request module.
import { request } from './request'
import type { BodyOf, ResponseOf } from './core/types'

export type MpMember = ResponseOf<'/api/mp/me', 'get'>
export type UpdateMeBody = BodyOf<'/api/mp/me', 'patch'>

export function getMe(): Promise<MpMember> {
  return request<MpMember>({ url: '/api/mp/me' })
}

export function updateMe(body: UpdateMeBody): Promise<MpMember> {
  return request<MpMember>({ url: '/api/mp/me', method: 'PATCH', data: body })
}

export type MpPhoneBound = ResponseOf<'/api/mp/me/phone', 'post'>
export type PageViewBatch = BodyOf<'/api/mp/events/page-views', 'post'>
export type PageViewsAccepted = ResponseOf<'/api/mp/events/page-views', 'post'>

/** The code from a getPhoneNumber button → the member, with the verified phone (masked). */
export function bindPhone(code: string): Promise<MpPhoneBound> {
  return request<MpPhoneBound>({ url: '/api/mp/me/phone', method: 'POST', data: { code } })
}

export function reportPageViews(body: PageViewBatch): Promise<PageViewsAccepted> {
  return request<PageViewsAccepted>({ url: '/api/mp/events/page-views', method: 'POST', data: body })
}
