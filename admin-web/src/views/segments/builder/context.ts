import { computed } from 'vue'
import type { ComputedRef, InjectionKey, Ref } from 'vue'
import type { ChannelAccount, EventTypeDefinition, RfmGroupCount, SegmentField, Store, WecomStaff } from '@/api/types'
import type { TagOptionGroup } from '@/composables/useTagOptions'
import { CONDITION_KINDS, findNode, findParent, newCondition, newGroup } from '../rule'
import type { ConditionKind, ConditionNode, GroupNode, RuleNode } from '../rule'
import type { BuilderOptions, StageOption } from './options'

/** What the rule tree's blocks share: the pickers' options and the edits on the one tree. */
export interface BuilderContext {
  fields: ComputedRef<SegmentField[]>
  fieldMap: ComputedRef<Map<string, SegmentField>>
  fieldLabel(field: string): string
  optionLabel(field: string, option: string): string
  eventTypes: Ref<EventTypeDefinition[]>
  tagGroups: ComputedRef<TagOptionGroup[]>
  stores: Ref<Store[]>
  /** saved segments a rule may refer to (not the one being edited) */
  segments: ComputedRef<{ id: number; name: string }[]>
  channels: Ref<ChannelAccount[]>
  rfmGroups: Ref<RfmGroupCount[]>
  lifecycleStages: Ref<StageOption[]>
  staffOf(corpId: string): Promise<WecomStaff[]>
  /** condition kinds offered (a lifecycle stage's rule cannot use lifecycle) */
  kinds: ConditionKind[]
  /** server messages per node uid */
  errors: Ref<Map<number, string>>
  update<N extends RuleNode>(node: N, patch: Partial<Omit<N, 'uid' | 'kind'>>): void
  setKind(node: ConditionNode, kind: ConditionKind): void
  addCondition(group: GroupNode, kind?: ConditionKind): void
  addGroup(group: GroupNode): void
  remove(node: RuleNode): void
}

export const BUILDER: InjectionKey<BuilderContext> = Symbol('segment-builder')

const ENUM_LABELS: Record<string, string> = { gender: 'members.gender', sourceChannel: 'members.channel', lifecycleStage: 'members.stage', leadStage: 'segments.leadStages' }

interface Translate {
  t: (key: string) => string
  te: (key: string) => boolean
}

/** The context for a tree kept in `root` (the builder page, or a lifecycle stage's rule in a dialog). */
export function createBuilderContext(
  root: Ref<GroupNode>,
  options: BuilderOptions,
  errors: Ref<Map<number, string>>,
  i18n: Translate,
  extra: { kinds?: ConditionKind[]; excludeSegmentId?: () => number | null } = {},
): BuilderContext {
  const { t, te } = i18n
  return {
    fields: computed(() => options.fields.value),
    fieldMap: computed(() => new Map(options.fields.value.map((f) => [f.field, f]))),
    fieldLabel(field) {
      if (field.startsWith('attributes.')) {
        const key = field.slice('attributes.'.length)
        return options.attributeDefs.value.find((d) => d.key === key)?.label || key
      }
      return te(`segments.fields.${field}`) ? t(`segments.fields.${field}`) : field
    },
    optionLabel(field, option) {
      const base = ENUM_LABELS[field]
      return base && te(`${base}.${option}`) ? t(`${base}.${option}`) : option
    },
    eventTypes: options.eventTypes,
    tagGroups: options.tagOptions.grouped,
    stores: options.stores,
    segments: computed(() => {
      const skip = extra.excludeSegmentId?.() ?? null
      return options.segments.value.filter((s) => s.id !== skip).map((s) => ({ id: s.id, name: s.name }))
    }),
    channels: options.channels,
    rfmGroups: options.rfmGroups,
    lifecycleStages: options.lifecycleStages,
    staffOf: options.staffOf,
    kinds: extra.kinds ?? CONDITION_KINDS,
    errors,
    update(node, patch) {
      const target = findNode(root.value, node.uid)
      if (target) Object.assign(target, patch)
    },
    setKind(node, kind) {
      if (node.kind === kind) return
      const parent = findParent(root.value, node.uid)
      if (!parent) return
      const i = parent.rules.findIndex((r) => r.uid === node.uid)
      parent.rules.splice(i, 1, newCondition(kind, node.uid))
    },
    addCondition(group, kind = 'attribute') {
      const target = findNode(root.value, group.uid)
      if (target?.kind === 'group') target.rules.push(newCondition(kind))
    },
    addGroup(group) {
      const target = findNode(root.value, group.uid)
      if (target?.kind === 'group') target.rules.push(newGroup(target.op === 'and' ? 'or' : 'and', [newCondition('attribute')]))
    },
    remove(node) {
      const parent = findParent(root.value, node.uid)
      if (parent) parent.rules = parent.rules.filter((r) => r.uid !== node.uid)
    },
  }
}
