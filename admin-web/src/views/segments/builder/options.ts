import { ref } from 'vue'
import { listAttributeDefinitions } from '@/api/attributes'
import { listChannels } from '@/api/channels'
import { listEventTypes } from '@/api/events'
import { getLifecycleLayer, getRfmLayer } from '@/api/layers'
import { listSegmentFields, listSegments } from '@/api/segments'
import { listStores } from '@/api/stores'
import type { AttributeDefinition, ChannelAccount, EventTypeDefinition, RfmGroupCount, Segment, SegmentField, Store, WecomStaff } from '@/api/types'
import { listWecomStaff } from '@/api/wecom'
import { useTagOptions } from '@/composables/useTagOptions'

export interface StageOption {
  key: string
  label: string
}

/**
 * What the rule builder's pickers offer: fields, event types and tags (needed), and stores, saved
 * segments, channel accounts, RFM groups and lifecycle stages (a picker stays empty when its list
 * cannot be read, and the builder still works).
 */
export function useBuilderOptions(ungroupedLabel: () => string) {
  const fields = ref<SegmentField[]>([])
  const attributeDefs = ref<AttributeDefinition[]>([])
  const eventTypes = ref<EventTypeDefinition[]>([])
  const tagOptions = useTagOptions(ungroupedLabel)
  const stores = ref<Store[]>([])
  const segments = ref<Segment[]>([])
  const channels = ref<ChannelAccount[]>([])
  const rfmGroups = ref<RfmGroupCount[]>([])
  const lifecycleStages = ref<StageOption[]>([])
  const staffByCorp = new Map<string, Promise<WecomStaff[]>>()

  async function load(): Promise<void> {
    const [f, defs, types] = await Promise.all([listSegmentFields(), listAttributeDefinitions(), listEventTypes(), tagOptions.load()])
    fields.value = f
    attributeDefs.value = defs
    eventTypes.value = types
    const [s, segs, chans, rfm, lifecycle] = await Promise.allSettled([listStores(), listSegments(), listChannels(), getRfmLayer(), getLifecycleLayer()])
    if (s.status === 'fulfilled') stores.value = s.value
    if (segs.status === 'fulfilled') segments.value = segs.value
    if (chans.status === 'fulfilled') channels.value = chans.value
    if (rfm.status === 'fulfilled') rfmGroups.value = rfm.value.groups
    if (lifecycle.status === 'fulfilled') lifecycleStages.value = lifecycle.value.config.stages.map((st) => ({ key: st.key, label: st.label }))
  }

  /** Staff of the WeCom corp (every connected corp for ''), read once per corp. */
  function staffOf(corpId: string): Promise<WecomStaff[]> {
    const cached = staffByCorp.get(corpId)
    if (cached) return cached
    const accounts = channels.value.filter((c) => c.type === 'wecom' && (!corpId || c.corpId === corpId))
    const loading = Promise.all(accounts.map((a) => listWecomStaff(a.id).catch(() => [] as WecomStaff[]))).then((lists) => lists.flat().filter((st) => !st.removedAt))
    staffByCorp.set(corpId, loading)
    return loading
  }

  return { fields, attributeDefs, eventTypes, tagOptions, stores, segments, channels, rfmGroups, lifecycleStages, load, staffOf }
}

export type BuilderOptions = ReturnType<typeof useBuilderOptions>
