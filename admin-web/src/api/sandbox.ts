/**
 * The built-in sandbox WeChat (public /sandbox routes) and the config that says whether it is on.
 * Same typed client as the admin API: the auth header it adds is simply ignored there.
 */
import { client, unwrap } from './request'
import type {
  EmitResult,
  LoginCode,
  LoginCodeBody,
  MiniappEmitBody,
  MpConfig,
  OaEmitBody,
  PayEmitBody,
  PhoneCode,
  PhoneCodeBody,
  SandboxAppMessage,
  SandboxMsgTemplate,
  SandboxCall,
  SandboxCallsQuery,
  SandboxFault,
  SandboxFaultBody,
  WecomEmitBody,
} from './types'

export async function getMpConfig(): Promise<MpConfig> {
  return unwrap(await client.GET('/api/mp/config'))
}

export async function emitOa(body: OaEmitBody): Promise<EmitResult> {
  return unwrap(await client.POST('/sandbox/oa/emit', { body }))
}

export async function emitWecom(body: WecomEmitBody): Promise<EmitResult> {
  return unwrap(await client.POST('/sandbox/wecom/emit', { body }))
}

/** Calls the sandbox received, oldest first (the last `limit`). */
export async function listSandboxCalls(query: SandboxCallsQuery = {}): Promise<SandboxCall[]> {
  return unwrap(await client.GET('/sandbox/calls', { params: { query } }))
}

export async function clearSandboxCalls(): Promise<void> {
  unwrap(await client.DELETE('/sandbox/calls'))
}

export async function listFaults(): Promise<SandboxFault[]> {
  return unwrap(await client.GET('/sandbox/faults'))
}

export async function addFault(body: SandboxFaultBody): Promise<SandboxFault[]> {
  return unwrap(await client.POST('/sandbox/faults', { body }))
}

export async function clearFaults(): Promise<void> {
  unwrap(await client.DELETE('/sandbox/faults'))
}

/** What wx.login() would hand the mini-program. */
export async function sandboxLoginCode(body: LoginCodeBody): Promise<LoginCode> {
  return unwrap(await client.POST('/sandbox/miniapp/login-code', { body }))
}

/** What the phone-number button would hand the page. */
export async function sandboxPhoneCode(body: PhoneCodeBody): Promise<PhoneCode> {
  return unwrap(await client.POST('/sandbox/miniapp/phone-code', { body }))
}

export async function emitMiniapp(body: MiniappEmitBody): Promise<EmitResult> {
  return unwrap(await client.POST('/sandbox/miniapp/emit', { body }))
}

export async function emitPay(body: PayEmitBody): Promise<EmitResult> {
  return unwrap(await client.POST('/sandbox/pay/emit', { body }))
}

/** App messages staff received from the system, oldest first. */
export async function listStaffMessages(corpId: string, userId?: string): Promise<SandboxAppMessage[]> {
  return unwrap(await client.GET('/sandbox/wecom/messages', { params: { query: userId ? { corpId, userId } : { corpId } } }))
}

export async function listMsgTemplates(corpId: string): Promise<SandboxMsgTemplate[]> {
  return unwrap(await client.GET('/sandbox/wecom/msg-templates', { params: { query: { corpId } } }))
}

/** Plays the staff member tapping "send" on a customer mass message in WeCom. */
export async function confirmMsgTemplate(msgid: string, userId?: string): Promise<SandboxMsgTemplate> {
  return unwrap(
    await client.POST('/sandbox/wecom/msg-templates/{msgid}/send', {
      params: { path: { msgid } },
      body: userId ? { userId } : {},
    }),
  )
}
