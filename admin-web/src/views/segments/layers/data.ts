/** The layers page's arithmetic: money on screen vs in the API, the funnel, rules handed to the builder, stage errors. */
import type { LifecycleConfig } from '@/api/types'
import { CONDITION_KINDS } from '../rule'
import type { ConditionKind } from '../rule'

/** Condition kinds a lifecycle stage's rule may use: any but lifecycle itself. */
export const STAGE_KINDS: ConditionKind[] = CONDITION_KINDS.filter((k) => k !== 'lifecycle')

/** Fen (the API) → yuan (the screen). */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100
}

/** Yuan typed on screen → whole fen. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100)
}

/** The rule "in RFM group g", as the builder opens it from a group card. */
export function rfmRule(group: string): Record<string, unknown> {
  return { kind: 'group', op: 'and', rules: [{ kind: 'rfm', group }] }
}

/** The builder's address for a rule handed over from this page. */
export function builderQuery(rule: Record<string, unknown>): { rule: string } {
  return { rule: JSON.stringify(rule) }
}

/** Funnel bar widths in percent of the widest stage (every stage keeps a sliver so it stays visible). */
export function funnelWidths(counts: number[], minPercent = 4): number[] {
  const max = Math.max(0, ...counts)
  return counts.map((n) => (max === 0 ? minPercent : Math.max(minPercent, Math.round((n / max) * 1000) / 10)))
}

/** A deep copy of a lifecycle model, to edit without touching what the server answered. */
export function cloneConfig(cfg: LifecycleConfig): LifecycleConfig {
  return JSON.parse(JSON.stringify(cfg)) as LifecycleConfig
}

/** True when the draft differs from the saved model. */
export function isDirty(draft: LifecycleConfig | null, saved: LifecycleConfig | null): boolean {
  return JSON.stringify(draft) !== JSON.stringify(saved)
}

export interface ErrorDetail {
  field: string
  message: string
}

/** Where a save error points: `stages[2].rule.rules[0].eventType` → stage 2; null for the model as a whole. */
export function stageOfError(field: string): number | null {
  const m = /^stages\[(\d+)\]/.exec(field)
  return m ? Number(m[1]) : null
}

/** Save errors grouped by stage index (-1: about the whole model). */
export function errorsByStage(details: ErrorDetail[]): Map<number, ErrorDetail[]> {
  const out = new Map<number, ErrorDetail[]>()
  for (const d of details) {
    const i = stageOfError(d.field) ?? -1
    out.set(i, [...(out.get(i) ?? []), d])
  }
  return out
}

/**
 * A stage's error details, with paths the stage's builder tree understands: when the stage's rule is
 * one condition the builder wraps it in a group, so `stages[i].rule.value` names that group's first row.
 */
export function stagePaths(details: ErrorDetail[], index: number, wrapped: boolean): ErrorDetail[] {
  const prefix = `stages[${index}].rule`
  return details
    .filter((d) => d.field === prefix || d.field.startsWith(`${prefix}.`) || d.field.startsWith(`${prefix}(`))
    .map((d) => (wrapped ? { ...d, field: `${prefix}.rules[0]${d.field.slice(prefix.length)}` } : d))
}
