/** Segment layers: RFM groups (thresholds set by the owner) and lifecycle stages (a model of rules). */
import { client, unwrap } from './request'
import type { LifecycleConfig, LifecycleLayer, RfmConfig, RfmLayer } from './types'

export async function getRfmLayer(): Promise<RfmLayer> {
  return unwrap(await client.GET('/api/segment-layers/rfm'))
}

/** Owner only; answers the layer with the counts under the new thresholds. */
export async function setRfmConfig(body: RfmConfig): Promise<RfmLayer> {
  return unwrap(await client.PUT('/api/segment-layers/rfm', { body }))
}

/** Owner only: recomputes every member's paid-order figures in the background; answers the job id. */
export async function rebuildRfm(): Promise<string> {
  return unwrap(await client.POST('/api/segment-layers/rfm/rebuild')).jobId
}

export async function getLifecycleLayer(): Promise<LifecycleLayer> {
  return unwrap(await client.GET('/api/segment-layers/lifecycle'))
}

/** Owner only; a wrong stage rule is a 400 naming `stages[i].rule…`. */
export async function setLifecycleConfig(body: LifecycleConfig): Promise<LifecycleLayer> {
  return unwrap(await client.PUT('/api/segment-layers/lifecycle', { body }))
}
