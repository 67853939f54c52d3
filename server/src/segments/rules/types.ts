import type { LayerContext } from './layers';
/** The rule model's types: rule shapes, field definitions, what compiling needs and gives. */
export type FieldType = 'string' | 'number' | 'date' | 'datetime' | 'boolean' | 'enum';

export const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty', 'isSet', 'before', 'after', 'inLastDays', 'notInLastDays', 'inNextDays', 'dayOfMonth', 'dayOfWeek', 'month', 'anniversaryInDays'] as const;
export type Operator = (typeof OPERATORS)[number];

export const OPS_BY_TYPE: Record<FieldType, Operator[]> = {
  string: ['eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty', 'isSet'],
  enum: ['eq', 'neq', 'in', 'notIn', 'isEmpty', 'isSet'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'isEmpty', 'isSet'],
  // inNextDays, dayOf…, month and anniversaryInDays read the brand's local calendar (see calendar.ts)
  date: ['eq', 'before', 'after', 'between', 'inLastDays', 'notInLastDays', 'inNextDays', 'dayOfMonth', 'dayOfWeek', 'month', 'anniversaryInDays', 'isEmpty', 'isSet'],
  datetime: ['before', 'after', 'between', 'inLastDays', 'notInLastDays', 'inNextDays', 'dayOfMonth', 'dayOfWeek', 'month', 'anniversaryInDays', 'isEmpty', 'isSet'],
  boolean: ['eq', 'isEmpty', 'isSet'],
};

export interface GroupRule {
  kind: 'group';
  op: 'and' | 'or';
  not?: boolean;
  rules: SegmentRule[];
}
export interface AttributeRule {
  kind: 'attribute';
  field: string;
  operator: Operator;
  value?: unknown;
  not?: boolean;
}
export interface TagRule {
  kind: 'tags';
  match: 'any' | 'all' | 'none';
  tagIds: number[];
}
export interface EventRule {
  kind: 'event';
  eventType: string;
  /** did (default) or did not */
  did?: boolean;
  /** in the last N days; omitted: ever */
  lastDays?: number;
  /** instead of lastDays: between two brand-local days, both included ('YYYY-MM-DD') */
  between?: [string, string];
  /** how many times (did only): at least / at most / exactly */
  count?: { op: 'atLeast' | 'atMost' | 'exactly'; n: number };
  /** only events whose properties match all of these (e.g. amount ≥ 10000) */
  properties?: { name: string; operator: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'contains'; value: unknown }[];
  /**
   * When the member's first or last such event happened (with did, count, lastDays and between left out):
   * before / after a brand-local day ('YYYY-MM-DD', that day excluded), between [from, to] (days included),
   * inLastDays / notInLastDays N (within / longer ago than N×24 h). Members who never did it do not match,
   * e.g. "last paid more than 60 days ago": { eventType: 'pay.paid', occurrence: 'last', operator: 'notInLastDays', value: 60 }.
   */
  occurrence?: 'first' | 'last';
  operator?: 'before' | 'after' | 'between' | 'inLastDays' | 'notInLastDays';
  value?: unknown;
}
/** In (or not in) a saved segment. */
export interface SegmentRefRule {
  kind: 'segment';
  segmentId: number;
  not?: boolean;
}
/** Reachability and relations: follows an OA, has used a mini-program, is served by a WeCom staff member. */
export interface RelationRule {
  kind: 'relation';
  /** servedByStore: any WeCom staff member of the store serves the member; consented: has consent on the channel */
  relation: 'followsOa' | 'usedMiniapp' | 'addedByStaff' | 'servedByStore' | 'consented';
  /** OA / mini-program appid, or the WeCom corpid (addedByStaff, optional) */
  appId?: string;
  staffUserId?: string;
  storeId?: number;
  channel?: 'oa' | 'miniapp' | 'wecom' | 'sms';
  not?: boolean;
}
export type SegmentRule = GroupRule | AttributeRule | TagRule | EventRule | SegmentRefRule | RelationRule;

/** A member field a rule can name: a column of `member`, or a custom attribute. */
export interface FieldDef {
  type: FieldType;
  options?: string[];
  /** member column, or a custom attribute id */
  column?: string;
  attributeId?: number;
  /** a date kept as month and day columns without a year (the birthday) */
  monthDay?: { month: string; day: string };
  /** the operators offered, when fewer than the type's */
  operators?: Operator[];
}

/** The operators a field offers. */
export function opsOf(def: FieldDef): Operator[] {
  return def.operators ?? OPS_BY_TYPE[def.type];
}

export interface CompileContext {
  fields: Map<string, FieldDef>;
  knownTagIds: Set<number>;
  /** "now" for relative windows */
  now: Date;
  /** SQL dialect, for reading event properties (JSON) */
  dialect?: 'mysql' | 'sqlite';
  /** saved segments a rule may refer to */
  segments?: Map<number, { type: 'dynamic' | 'static'; rule: unknown }>;
  dbDatetime: (d: Date) => string;
  /** the brand's time zone (IANA, e.g. 'Asia/Shanghai'): "today", weekdays and anniversaries follow its calendar */
  timezone: string;
  /** RFM thresholds and lifecycle stages as the operator configured them (defaults otherwise) */
  layers?: LayerContext;
}

export class RuleError extends Error {
  constructor(
    public readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export interface Compiled {
  sql: string;
  params: unknown[];
  /**
   * Time-relative conditions ("in the last 30 days", "birthday within 7 days"): for each, the members
   * whose answer can change while the clock moves from `from` to `to`. The membership sweep
   * re-evaluates only these.
   */
  moving?: MovingCandidates[];
  /**
   * What the condition reads, so a change elsewhere can tell which segments it may affect:
   * `event:<type>`, `tag:<id>`, `field:<name>` (member fields and `attributes.<key>`), `identity`,
   * `wecom_follow`, `segment_member:<id>` (a static list), `stats` (payment summaries).
   */
  reads?: string[];
  /**
   * The same members as a query of their ids (`SELECT … AS id`, each once) from the table the
   * condition reads, when there is one: lets a count start from the few matching rows instead of
   * every member (see countQuery).
   */
  drive?: Compiled;
  /** the parts of an AND group, for the count plan */
  and?: Compiled[];
}

/** A query of `member_id`s (parameterized) whose time-relative answer can change between `from` and `to`. */
export type MovingCandidates = (from: Date, to: Date) => Compiled;

/** Joins what several parts read. */
export function readsOf(parts: Compiled[]): string[] {
  return [...new Set(parts.flatMap((p) => p.reads ?? []))];
}

/** Joins the moving candidates of several parts (a group, a negation keeps its part's). */
export function movingOf(parts: Compiled[]): MovingCandidates[] | undefined {
  const all = parts.flatMap((p) => p.moving ?? []);
  return all.length ? all : undefined;
}
