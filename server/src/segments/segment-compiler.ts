/**
 * Segment rules: a JSON tree of AND / OR groups (each group or condition can be negated) over member
 * fields, custom attributes, tags and behaviour (events), compiled to one parameterized SQL condition
 * on `member m` that runs on MySQL and on SQLite. User values only ever travel as parameters.
 */
import { attribute } from './rules/attribute';
import { event } from './rules/event';
import { lifecycle, rfm } from './rules/layers';
import { relation, tags } from './rules/relation';
import { CompileContext, Compiled, FieldDef, RuleError, movingOf, readsOf } from './rules/types';

export * from './rules/types';

/** Built-in member fields (custom attributes are added by key at runtime). */
export const MEMBER_FIELDS: Record<string, FieldDef> = {
  gender: { type: 'enum', options: ['unknown', 'male', 'female'], column: 'gender' },
  province: { type: 'string', column: 'province' },
  city: { type: 'string', column: 'city' },
  sourceChannel: { type: 'enum', options: ['oa', 'miniapp', 'wecom', 'store', 'import', 'manual', 'api'], column: 'source_channel' },
  lifecycleStage: { type: 'enum', options: ['prospect', 'new', 'active', 'loyal', 'dormant', 'churned'], column: 'lifecycle_stage' },
  level: { type: 'number', column: 'level' },
  points: { type: 'number', column: 'points' },
  leadScore: { type: 'number', column: 'lead_score' },
  leadStage: { type: 'enum', options: ['cold', 'warm', 'hot', 'qualified'], column: 'lead_stage' },
  storeId: { type: 'number', column: 'store_id' },
  nickname: { type: 'string', column: 'nickname' },
  createdAt: { type: 'datetime', column: 'created_at' },
  lastSeenAt: { type: 'datetime', column: 'last_seen_at' },
  firstSeenAt: { type: 'datetime', column: 'first_seen_at' },
  // month and day without a year: offered as a date with the operators that need no year
  birthday: { type: 'date', monthDay: { month: 'birth_month', day: 'birth_day' }, operators: ['anniversaryInDays', 'month', 'isSet', 'isEmpty'] },
  birthYear: { type: 'number', column: 'birth_year' },
  consentOa: { type: 'boolean', column: 'consent_oa' },
  consentMiniapp: { type: 'boolean', column: 'consent_miniapp' },
  consentWecom: { type: 'boolean', column: 'consent_wecom' },
  consentSms: { type: 'boolean', column: 'consent_sms' },
};

const MAX_DEPTH = 10;
const MAX_CONDITIONS = 100;


/** Checks the rule against the fields, tags and event catalog, and compiles it; a RuleError names the path. */
export function compileRule(rule: unknown, ctx: CompileContext): Compiled {
  const state: State = { conditions: 0, within: [] };
  return compile(rule, 'rule', 0, ctx, state);
}

/** Compiles a rule that is itself saved segment `id` (so it cannot refer to itself). */
export function compileSegmentRule(id: number, rule: unknown, ctx: CompileContext): Compiled {
  return compile(rule, 'rule', 0, ctx, { conditions: 0, within: [id] });
}

interface State {
  conditions: number;
  /** the saved segments being expanded, to refuse a segment that refers to itself */
  within: number[];
  /** compiling a lifecycle stage's rule (which may not use lifecycle again) */
  inLifecycle?: boolean;
}

function compile(rule: unknown, path: string, depth: number, ctx: CompileContext, state: State): Compiled {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) throw new RuleError(path, 'must be an object');
  const r = rule as Record<string, unknown>;
  if (depth > MAX_DEPTH) throw new RuleError(path, `groups nest at most ${MAX_DEPTH} deep`);
  let out: Compiled;
  switch (r.kind) {
    case 'group':
      out = group(r, path, depth, ctx, state);
      break;
    case 'attribute':
      out = attribute(r, path, ctx);
      break;
    case 'tags':
      out = tags(r, path, ctx);
      break;
    case 'event':
      out = event(r, path, ctx);
      break;
    case 'segment':
      out = segmentRef(r, path, depth, ctx, state);
      break;
    case 'relation':
      out = relation(r, path, ctx);
      break;
    case 'rfm':
      out = rfm(r, path, ctx);
      break;
    case 'lifecycle':
      if (state.inLifecycle) throw new RuleError(path, 'a lifecycle stage cannot be defined by lifecycle stages');
      state.inLifecycle = true;
      try {
        out = lifecycle(r, path, ctx, (stageRule, stagePath) => compile(stageRule, stagePath, depth + 1, ctx, state));
      } finally {
        state.inLifecycle = false;
      }
      break;
    default:
      throw new RuleError(`${path}.kind`, 'must be group, attribute, tags, event, segment, relation, rfm or lifecycle');
  }
  if (r.kind !== 'group' && ++state.conditions > MAX_CONDITIONS) throw new RuleError(path, `a rule has at most ${MAX_CONDITIONS} conditions`);
  if (r.not !== undefined && typeof r.not !== 'boolean') throw new RuleError(`${path}.not`, 'must be true or false');
  // a negation is no longer the set its part's rows name
  return r.not === true ? { ...out, sql: `NOT (${out.sql})`, drive: undefined, and: undefined } : out;
}

function group(r: Record<string, unknown>, path: string, depth: number, ctx: CompileContext, state: State): Compiled {
  if (r.op !== 'and' && r.op !== 'or') throw new RuleError(`${path}.op`, 'must be and or or');
  if (!Array.isArray(r.rules) || r.rules.length === 0) throw new RuleError(`${path}.rules`, 'must be a non-empty list');
  const parts = r.rules.map((child, i) => compile(child, `${path}.rules[${i}]`, depth + 1, ctx, state));
  return { sql: parts.map((p) => `(${p.sql})`).join(r.op === 'and' ? ' AND ' : ' OR '), params: parts.flatMap((p) => p.params), moving: movingOf(parts), reads: readsOf(parts), and: r.op === 'and' ? parts.flatMap((p) => p.and ?? [p]) : undefined };
}

function segmentRef(r: Record<string, unknown>, path: string, depth: number, ctx: CompileContext, state: State): Compiled {
  const id = r.segmentId;
  const seg = Number.isInteger(id) ? ctx.segments?.get(id as number) : undefined;
  if (!seg) throw new RuleError(`${path}.segmentId`, `no segment ${String(id)}`);
  if (state.within.includes(id as number)) throw new RuleError(`${path}.segmentId`, `segment ${String(id)} would include itself`);
  if (seg.type === 'static') return { sql: 'EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = ? AND sm.member_id = m.id)', params: [id], reads: [`segment_member:${String(id)}`] };
  state.within.push(id as number);
  try {
    return compile(seg.rule, `${path}(segment ${String(id)})`, depth + 1, ctx, state);
  } finally {
    state.within.pop();
  }
}

/**
 * The COUNT for a compiled rule. A rule that reads no column of `member` (tags, RFM, custom
 * attributes, behaviour…) and has a part naming its members from another table is counted from
 * that table's rows, the way one would write it by hand, instead of probing every member:
 * `SELECT COUNT(*) FROM (SELECT member_id AS id FROM member_stats WHERE …) m WHERE <the other parts>`.
 * Rows of member-keyed tables always belong to a live member (merges move or drop them), so the
 * count is the same.
 */
export function countQuery(c: Compiled): Compiled {
  const plain = { sql: `SELECT COUNT(*) AS n FROM member m WHERE ${c.sql}`, params: c.params };
  if ((c.reads ?? []).some((r) => r.startsWith('field:') && !r.startsWith('field:attributes.'))) return plain;
  const parts = c.and ?? [c];
  const driver = parts.find((p) => p.drive);
  if (!driver?.drive) return plain;
  const rest = parts.filter((p) => p !== driver);
  const where = rest.length ? ` WHERE ${rest.map((p) => `(${p.sql})`).join(' AND ')}` : '';
  return { sql: `SELECT COUNT(*) AS n FROM (${driver.drive.sql}) m${where}`, params: [...driver.drive.params, ...rest.flatMap((p) => p.params)] };
}
