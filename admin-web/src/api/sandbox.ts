/**
 * The built-in sandbox WeChat (public /sandbox routes) and the config that says whether it is on.
 * Same typed client as the admin API: the auth header it adds is simply ignored there.
 */
import { client, unwrap } from './request'
import type {
  EmitResult,
  MpConfig,
  OaEmitBody,
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
