import type { ComputedRef, InjectionKey, Ref } from 'vue'
import type { EventTypeDefinition, SegmentField } from '@/api/types'
import type { TagOptionGroup } from '@/composables/useTagOptions'
import type { ConditionKind, ConditionNode, GroupNode, RuleNode } from '../rule'

/** What the rule tree's blocks share: the pickers' options and the edits on the one tree. */
export interface BuilderContext {
  fields: ComputedRef<SegmentField[]>
  fieldMap: ComputedRef<Map<string, SegmentField>>
  fieldLabel(field: string): string
  optionLabel(field: string, option: string): string
  eventTypes: Ref<EventTypeDefinition[]>
  tagGroups: ComputedRef<TagOptionGroup[]>
  /** server messages per node uid */
  errors: Ref<Map<number, string>>
  update<N extends RuleNode>(node: N, patch: Partial<Omit<N, 'uid' | 'kind'>>): void
  setKind(node: ConditionNode, kind: ConditionKind): void
  addCondition(group: GroupNode): void
  addGroup(group: GroupNode): void
  remove(node: RuleNode): void
}

export const BUILDER: InjectionKey<BuilderContext> = Symbol('segment-builder')
