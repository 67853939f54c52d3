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
