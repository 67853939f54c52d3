/**
 * Layers: RFM groups from paid orders (member_stats) and lifecycle stages (AIPL or AARRR, each stage
 * defined by the operator as a rule). Both are computed live from their configuration, so changing a
 * threshold or a stage's rule changes every segment that uses it at once.
 */
import { CompileContext, Compiled, RuleError } from './types';

export const RFM_DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;
export type RfmDimension = (typeof RFM_DIMENSIONS)[number];
export type RfmBand = 'high' | 'low';

/** The eight classic RFM groups: recency, frequency, monetary each high or low. */
export const RFM_GROUPS = {
  importantValue: { recency: 'high', frequency: 'high', monetary: 'high', zh: '重要价值客户', en: 'Important value' },
  importantDevelop: { recency: 'high', frequency: 'low', monetary: 'high', zh: '重要发展客户', en: 'Important to develop' },
  importantRetain: { recency: 'low', frequency: 'high', monetary: 'high', zh: '重要保持客户', en: 'Important to retain' },
  importantRecall: { recency: 'low', frequency: 'low', monetary: 'high', zh: '重要挽留客户', en: 'Important to win back' },
  generalValue: { recency: 'high', frequency: 'high', monetary: 'low', zh: '一般价值客户', en: 'General value' },
  generalDevelop: { recency: 'high', frequency: 'low', monetary: 'low', zh: '一般发展客户', en: 'General to develop' },
  generalRetain: { recency: 'low', frequency: 'high', monetary: 'low', zh: '一般保持客户', en: 'General to retain' },
  generalRecall: { recency: 'low', frequency: 'low', monetary: 'low', zh: '一般挽留客户', en: 'General to win back' },
} as const satisfies Record<string, Record<RfmDimension, RfmBand> & { zh: string; en: string }>;
export type RfmGroup = keyof typeof RFM_GROUPS;

/** Where "high" starts on each dimension. Members who never paid are in no RFM group. */
export interface RfmConfig {
  /** recency is high when the last paid order is at most this many days old */
  recencyDays: number;
  /** frequency is high from this many paid orders */
  frequencyMin: number;
  /** monetary is high from this total, in fen */
  monetaryMin: number;
}

export const DEFAULT_RFM: RfmConfig = { recencyDays: 90, frequencyMin: 2, monetaryMin: 50_000 };

export const LIFECYCLE_MODELS = ['aipl', 'aarrr'] as const;
export type LifecycleModel = (typeof LIFECYCLE_MODELS)[number];

export interface LifecycleStage {
  key: string;
  label: string;
  rule: Record<string, unknown>;
}

/** Stages from first to last; a member is in the last stage whose rule they match. */
export interface LifecycleConfig {
  model: LifecycleModel;
  stages: LifecycleStage[];
}

const engaged = (days: number) => ({
  kind: 'group',
  op: 'or',
  rules: ['oa.message', 'oa.menu_click', 'oa.scan', 'mp.page_view', 'mp.login', 'wecom.contact_added'].map((eventType) => ({ kind: 'event', eventType, lastDays: days })),
});
const everyone = { kind: 'attribute', field: 'createdAt', operator: 'isSet' };
const paid = { kind: 'event', eventType: 'pay.paid' };

/** Ready stage definitions for each model; operators start from one and change the rules. */
export const LIFECYCLE_PRESETS: Record<LifecycleModel, LifecycleConfig> = {
  aipl: {
    model: 'aipl',
    stages: [
      { key: 'awareness', label: '认知 Awareness', rule: everyone },
      { key: 'interest', label: '兴趣 Interest', rule: engaged(30) },
      { key: 'purchase', label: '购买 Purchase', rule: paid },
      { key: 'loyalty', label: '忠诚 Loyalty', rule: { kind: 'event', eventType: 'pay.paid', lastDays: 365, count: { op: 'atLeast', n: 3 } } },
    ],
  },
  aarrr: {
    model: 'aarrr',
    stages: [
      { key: 'acquisition', label: '获取 Acquisition', rule: everyone },
      { key: 'activation', label: '激活 Activation', rule: { kind: 'group', op: 'or', rules: [{ kind: 'event', eventType: 'mp.login' }, { kind: 'event', eventType: 'oa.subscribe' }, { kind: 'event', eventType: 'wecom.contact_added' }] } },
      { key: 'retention', label: '留存 Retention', rule: engaged(30) },
      { key: 'revenue', label: '变现 Revenue', rule: paid },
      { key: 'referral', label: '推荐 Referral', rule: { kind: 'event', eventType: 'custom.referral' } },
    ],
  },
};

export interface LayerContext {
  rfm: RfmConfig;
  lifecycle: LifecycleConfig;
}

/**
 * `{kind:"rfm", group}` (one of the eight), or `{kind:"rfm", recency?, frequency?, monetary?}` with
 * "high"/"low" bands, or `{kind:"rfm", group:"none"}` for members who never paid.
 */
export function rfm(r: Record<string, unknown>, path: string, ctx: CompileContext): Compiled {
  const cfg = ctx.layers?.rfm ?? DEFAULT_RFM;
  const reads = ['stats'];
  if (r.group === 'none') return { sql: 'NOT EXISTS (SELECT 1 FROM member_stats s WHERE s.member_id = m.id AND s.paid_count > 0)', params: [], reads };
  let bands: Partial<Record<RfmDimension, RfmBand>>;
  if (r.group !== undefined) {
    if (typeof r.group !== 'string' || !(r.group in RFM_GROUPS)) throw new RuleError(`${path}.group`, `must be one of ${Object.keys(RFM_GROUPS).join(', ')} or none`);
    const { zh: _zh, en: _en, ...g } = RFM_GROUPS[r.group as RfmGroup];
    bands = g;
  } else {
    bands = {};
    for (const d of RFM_DIMENSIONS) {
      if (r[d] === undefined) continue;
      if (r[d] !== 'high' && r[d] !== 'low') throw new RuleError(`${path}.${d}`, 'must be high or low');
      bands[d] = r[d] as RfmBand;
    }
    if (!Object.keys(bands).length) throw new RuleError(path, 'give a group, or a band (high or low) for recency, frequency or monetary');
  }
  const since = ctx.dbDatetime(new Date(ctx.now.getTime() - cfg.recencyDays * 86_400_000));
  const parts: string[] = ['s.paid_count > 0'];
  const params: unknown[] = [];
  if (bands.recency) {
    parts.push(bands.recency === 'high' ? 's.last_paid_at >= ?' : 's.last_paid_at < ?');
    params.push(since);
  }
  if (bands.frequency) {
    parts.push(bands.frequency === 'high' ? 's.paid_count >= ?' : 's.paid_count < ?');
    params.push(cfg.frequencyMin);
  }
  if (bands.monetary) {
    parts.push(bands.monetary === 'high' ? 's.paid_amount >= ?' : 's.paid_amount < ?');
    params.push(cfg.monetaryMin);
  }
  const moving = bands.recency
    ? [
        (from: Date, to: Date): Compiled => ({
          sql: 'SELECT s.member_id FROM member_stats s WHERE s.last_paid_at >= ? AND s.last_paid_at < ?',
          params: [ctx.dbDatetime(new Date(from.getTime() - cfg.recencyDays * 86_400_000)), ctx.dbDatetime(new Date(to.getTime() - cfg.recencyDays * 86_400_000))],
        }),
      ]
    : undefined;
  return {
    sql: `EXISTS (SELECT 1 FROM member_stats s WHERE s.member_id = m.id AND ${parts.join(' AND ')})`,
    params,
    moving,
    reads,
    drive: { sql: `SELECT s.member_id AS id FROM member_stats s WHERE ${parts.join(' AND ')}`, params },
  };
}

/** `{kind:"lifecycle", stages:[keys]}`: the member's current stage is one of these. */
export function lifecycle(r: Record<string, unknown>, path: string, ctx: CompileContext, nested: (rule: unknown, path: string) => Compiled): Compiled {
  const cfg = ctx.layers?.lifecycle ?? LIFECYCLE_PRESETS.aipl;
  const keys = cfg.stages.map((s) => s.key);
  if (!Array.isArray(r.stages) || r.stages.length === 0) throw new RuleError(`${path}.stages`, `must list stages of the ${cfg.model.toUpperCase()} model: ${keys.join(', ')}`);
  const wanted = r.stages.map((k, i) => {
    if (typeof k !== 'string' || !keys.includes(k)) throw new RuleError(`${path}.stages[${i}]`, `no stage ${String(k)} (the ${cfg.model.toUpperCase()} model has ${keys.join(', ')})`);
    return keys.indexOf(k);
  });
  const compiled = cfg.stages.map((s, i) => nested(s.rule, `lifecycle.stages[${i}].rule`));
  // in stage i: matches stage i's rule and no later stage's
  const inStage = (i: number): Compiled => {
    const later = compiled.slice(i + 1);
    const sql = [`(${compiled[i].sql})`, ...later.map((c) => `NOT (${c.sql})`)].join(' AND ');
    return { sql, params: [compiled[i].params, ...later.map((c) => c.params)].flat() };
  };
  const parts = [...new Set(wanted)].sort().map(inStage);
  return {
    sql: parts.map((p) => `(${p.sql})`).join(' OR '),
    params: parts.flatMap((p) => p.params),
    moving: compiled.flatMap((c) => c.moving ?? []),
    reads: [...new Set(compiled.flatMap((c) => c.reads ?? []))],
  };
}

/** Refuses a lifecycle stage rule that uses lifecycle itself (it would define a stage by the stages). */
export function assertNoLifecycle(rule: unknown, path: string): void {
  if (!rule || typeof rule !== 'object') return;
  const r = rule as { kind?: unknown; rules?: unknown };
  if (r.kind === 'lifecycle') throw new RuleError(path, 'a lifecycle stage cannot be defined by lifecycle stages');
  if (Array.isArray(r.rules)) r.rules.forEach((c, i) => assertNoLifecycle(c, `${path}.rules[${i}]`));
}
