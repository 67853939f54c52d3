import { client, unwrap } from './request'
import type { CreateFlowBody, Flow, FlowSummary, FlowValidation, FlowVersionSummary, NodeType, UpdateFlowBody } from './types'

/** Every node type a flow can use: palette entries, ports and the JSON Schema of their config. */
export async function listNodeTypes(): Promise<NodeType[]> {
  return unwrap(await client.GET('/api/automation/node-types'))
}

export async function listFlows(): Promise<FlowSummary[]> {
  return unwrap(await client.GET('/api/automation/flows'))
}

export async function getFlow(id: number): Promise<Flow> {
  return unwrap(await client.GET('/api/automation/flows/{id}', { params: { path: { id } } }))
}

export async function createFlow(body: CreateFlowBody): Promise<Flow> {
  return unwrap(await client.POST('/api/automation/flows', { body }))
}

/** Saves the draft as is; it is checked in full only by validate and publish. */
export async function updateFlow(id: number, body: UpdateFlowBody): Promise<Flow> {
  return unwrap(await client.PATCH('/api/automation/flows/{id}', { params: { path: { id } }, body }))
}

export async function validateFlow(id: number): Promise<FlowValidation> {
  return unwrap(await client.POST('/api/automation/flows/{id}/validate', { params: { path: { id } } }))
}

/** Publishes the draft as the next version; an invalid draft is a 400 with the problems in its details. */
export async function publishFlow(id: number): Promise<Flow> {
  return unwrap(await client.POST('/api/automation/flows/{id}/publish', { params: { path: { id } } }))
}

export type FlowStatusAction = 'pause' | 'resume' | 'archive'

export async function changeFlowStatus(id: number, action: FlowStatusAction): Promise<Flow> {
  const params = { params: { path: { id } } }
  if (action === 'pause') return unwrap(await client.POST('/api/automation/flows/{id}/pause', params))
  if (action === 'resume') return unwrap(await client.POST('/api/automation/flows/{id}/resume', params))
  return unwrap(await client.POST('/api/automation/flows/{id}/archive', params))
}

export async function flowVersions(id: number): Promise<FlowVersionSummary[]> {
  return unwrap(await client.GET('/api/automation/flows/{id}/versions', { params: { path: { id } } }))
}
