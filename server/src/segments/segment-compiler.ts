/**
 * Segment rules: a JSON tree of AND / OR groups (each group or condition can be negated) over member
 * fields, custom attributes, tags and behaviour (events), compiled to one parameterized SQL condition
 * on `member m` that runs on MySQL and on SQLite. User values only ever travel as parameters.
 */
import { CUSTOM_EVENT, eventType } from '../events/event-catalog';

export type FieldType = 'string' | 'number' | 'date' | 'datetime' | 'boolean' | 'enum';

export const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty', 'isSet', 'before', 'after', 'inLastDays'] as const;
export type Operator = (typeof OPERATORS)[number];

export const OPS_BY_TYPE: Record<FieldType, Operator[]> = {
  string: ['eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty', 'isSet'],
  enum: ['eq', 'neq', 'in', 'notIn', 'isEmpty', 'isSet'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'isEmpty', 'isSet'],
  date: ['eq', 'before', 'after', 'between', 'inLastDays', 'isEmpty', 'isSet'],
  datetime: ['before', 'after', 'between', 'inLastDays', 'isEmpty', 'isSet'],
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
  /** how many times (did only): at least / at most / exactly */
  count?: { op: 'atLeast' | 'atMost' | 'exactly'; n: number };
  /** only events whose properties match all of these (e.g. amount ≥ 10000) */
  properties?: { name: string; operator: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'contains'; value: unknown }[];
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
  relation: 'followsOa' | 'usedMiniapp' | 'addedByStaff';
  /** OA / mini-program appid, or the WeCom corpid (addedByStaff, optional) */
  appId?: string;
  staffUserId?: string;
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
}

export class RuleError extends Error {
  constructor(
    public readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** Built-in member fields (custom attributes are added by key at runtime). */
export const MEMBER_FIELDS: Record<string, FieldDef> = {
  gender: { type: 'enum', options: ['unknown', 'male', 'female'], column: 'gender' },
  province: { type: 'string', column: 'province' },
  city: { type: 'string', column: 'city' },
  sourceChannel: { type: 'enum', options: ['oa', 'miniapp', 'wecom', 'store', 'import', 'manual', 'api'], column: 'source_channel' },
  lifecycleStage: { type: 'enum', options: ['prospect', 'new', 'active', 'loyal', 'dormant', 'churned'], column: 'lifecycle_stage' },
  level: { type: 'number', column: 'level' },
  points: { type: 'number', column: 'points' },
  storeId: { type: 'number', column: 'store_id' },
  nickname: { type: 'string', column: 'nickname' },
  createdAt: { type: 'datetime', column: 'created_at' },
  lastSeenAt: { type: 'datetime', column: 'last_seen_at' },
  firstSeenAt: { type: 'datetime', column: 'first_seen_at' },
  consentOa: { type: 'boolean', column: 'consent_oa' },
  consentMiniapp: { type: 'boolean', column: 'consent_miniapp' },
  consentWecom: { type: 'boolean', column: 'consent_wecom' },
  consentSms: { type: 'boolean', column: 'consent_sms' },
};

const MAX_DEPTH = 10;
const MAX_CONDITIONS = 100;

export interface Compiled {
  sql: string;
  params: unknown[];
}

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
      out = relation(r, path);
      break;
    default:
      throw new RuleError(`${path}.kind`, 'must be group, attribute, tags, event, segment or relation');
  }
  if (r.kind !== 'group' && ++state.conditions > MAX_CONDITIONS) throw new RuleError(path, `a rule has at most ${MAX_CONDITIONS} conditions`);
  if (r.not !== undefined && typeof r.not !== 'boolean') throw new RuleError(`${path}.not`, 'must be true or false');
  return r.not === true ? { sql: `NOT (${out.sql})`, params: out.params } : out;
}

function group(r: Record<string, unknown>, path: string, depth: number, ctx: CompileContext, state: State): Compiled {
  if (r.op !== 'and' && r.op !== 'or') throw new RuleError(`${path}.op`, 'must be and or or');
  if (!Array.isArray(r.rules) || r.rules.length === 0) throw new RuleError(`${path}.rules`, 'must be a non-empty list');
  const parts = r.rules.map((child, i) => compile(child, `${path}.rules[${i}]`, depth + 1, ctx, state));
  return { sql: parts.map((p) => `(${p.sql})`).join(r.op === 'and' ? ' AND ' : ' OR '), params: parts.flatMap((p) => p.params) };
}

function attribute(r: Record<string, unknown>, path: string, ctx: CompileContext): Compiled {
  if (typeof r.field !== 'string') throw new RuleError(`${path}.field`, 'is required');
  const def = ctx.fields.get(r.field);
  if (!def) throw new RuleError(`${path}.field`, `unknown field ${r.field}`);
  const op = r.operator as Operator;
  if (!OPS_BY_TYPE[def.type].includes(op)) throw new RuleError(`${path}.operator`, `${String(r.operator)} does not apply to ${def.type} field ${r.field} (use ${OPS_BY_TYPE[def.type].join(', ')})`);
  const value = checkValue(def, op, r.value, `${path}.value`, ctx);
  if (def.column) {
    // Booleans are tinyint on MySQL and integers on SQLite: compare as numbers.
    return condition(`m.${def.column}`, def, op, value, ctx);
  }
  const col = def.type === 'number' ? 'a.value_number' : def.type === 'date' ? 'a.value_date' : def.type === 'boolean' ? 'a.value_bool' : 'a.value_text';
  const has = `EXISTS (SELECT 1 FROM member_attribute a WHERE a.member_id = m.id AND a.attribute_id = ?`;
  if (op === 'isSet') return { sql: `${has})`, params: [def.attributeId] };
  if (op === 'isEmpty') return { sql: `NOT ${has})`, params: [def.attributeId] };
  const inner = condition(col, def, op, value, ctx);
  return { sql: `${has} AND ${inner.sql})`, params: [def.attributeId, ...inner.params] };
}

/** One comparison on a column (negations such as ≠ and "not in" keep NULLs out, as people expect). */
function condition(col: string, def: FieldDef, op: Operator, value: unknown, ctx: CompileContext): Compiled {
  const v = (x: unknown) => (def.type === 'boolean' ? (x ? 1 : 0) : x);
  switch (op) {
    case 'isEmpty':
      return { sql: def.type === 'string' ? `(${col} IS NULL OR ${col} = '')` : `${col} IS NULL`, params: [] };
    case 'isSet':
      return { sql: def.type === 'string' ? `(${col} IS NOT NULL AND ${col} <> '')` : `${col} IS NOT NULL`, params: [] };
    case 'eq':
      return { sql: `${col} = ?`, params: [v(value)] };
    case 'neq':
      return { sql: `(${col} IS NULL OR ${col} <> ?)`, params: [v(value)] };
    case 'gt':
    case 'after':
      return { sql: `${col} > ?`, params: [value] };
    case 'gte':
      return { sql: `${col} >= ?`, params: [value] };
    case 'lt':
    case 'before':
      return { sql: `${col} < ?`, params: [value] };
    case 'lte':
      return { sql: `${col} <= ?`, params: [value] };
    case 'between': {
      const [lo, hi] = value as [unknown, unknown];
      return { sql: `${col} >= ? AND ${col} <= ?`, params: [lo, hi] };
    }
    case 'in':
    case 'notIn': {
      const list = value as unknown[];
      const marks = list.map(() => '?').join(', ');
      return op === 'in' ? { sql: `${col} IN (${marks})`, params: list } : { sql: `(${col} IS NULL OR ${col} NOT IN (${marks}))`, params: list };
    }
    case 'contains':
      return { sql: `${col} LIKE ? ESCAPE '!'`, params: [`%${likeEscape(String(value))}%`] };
    case 'startsWith':
      return { sql: `${col} LIKE ? ESCAPE '!'`, params: [`${likeEscape(String(value))}%`] };
    case 'inLastDays': {
      const since = new Date(ctx.now.getTime() - Number(value) * 86_400_000);
      return { sql: `${col} >= ?`, params: [def.type === 'date' ? ctx.dbDatetime(since).slice(0, 10) : ctx.dbDatetime(since)] };
    }
  }
}

function likeEscape(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}

/** Checks the value's shape for the operator and field type; returns it ready to bind. */
function checkValue(def: FieldDef, op: Operator, value: unknown, path: string, ctx: CompileContext): unknown {
  if (op === 'isEmpty' || op === 'isSet') return undefined;
  if (op === 'inLastDays') {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 3650) throw new RuleError(path, 'must be a whole number of days, 1-3650');
    return value;
  }
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(value) || value.length === 0 || value.length > 500) throw new RuleError(path, 'must be a list of 1-500 values');
    return value.map((x, i) => scalar(def, x, `${path}[${i}]`, ctx));
  }
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2) throw new RuleError(path, 'must be [from, to]');
    return value.map((x, i) => scalar(def, x, `${path}[${i}]`, ctx));
  }
  if (op === 'contains' || op === 'startsWith') {
    if (typeof value !== 'string' || !value || value.length > 255) throw new RuleError(path, 'must be text of 1-255 characters');
    return value;
  }
  return scalar(def, value, path, ctx);
}

function scalar(def: FieldDef, x: unknown, path: string, ctx: CompileContext): unknown {
  switch (def.type) {
    case 'number':
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new RuleError(path, 'must be a number');
      return x;
    case 'boolean':
      if (typeof x !== 'boolean') throw new RuleError(path, 'must be true or false');
      return x;
    case 'enum':
      if (typeof x !== 'string' || !(def.options ?? []).includes(x)) throw new RuleError(path, `must be one of: ${(def.options ?? []).join(', ')}`);
      return x;
    case 'string':
      if (typeof x !== 'string' || x.length > 255) throw new RuleError(path, 'must be text of at most 255 characters');
      return x;
    case 'date':
      if (typeof x !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(x) || Number.isNaN(Date.parse(`${x}T00:00:00Z`))) throw new RuleError(path, 'must be a date YYYY-MM-DD');
      return x;
    case 'datetime': {
      const d = typeof x === 'string' ? new Date(x) : null;
      if (!d || Number.isNaN(d.getTime())) throw new RuleError(path, 'must be an ISO date-time');
      return ctx.dbDatetime(d);
    }
  }
}

function tags(r: Record<string, unknown>, path: string, ctx: CompileContext): Compiled {
  if (r.match !== 'any' && r.match !== 'all' && r.match !== 'none') throw new RuleError(`${path}.match`, 'must be any, all or none');
  if (!Array.isArray(r.tagIds) || r.tagIds.length === 0 || r.tagIds.length > 100) throw new RuleError(`${path}.tagIds`, 'must be a list of 1-100 tag ids');
  const ids = r.tagIds.map((id, i) => {
    if (!Number.isInteger(id) || !ctx.knownTagIds.has(id as number)) throw new RuleError(`${path}.tagIds[${i}]`, `no tag ${String(id)}`);
    return id as number;
  });
  const has = (list: number[]) => ({ sql: `EXISTS (SELECT 1 FROM member_tag mt WHERE mt.member_id = m.id AND mt.tag_id IN (${list.map(() => '?').join(', ')}))`, params: list });
  if (r.match === 'any') return has(ids);
  if (r.match === 'none') {
    const h = has(ids);
    return { sql: `NOT ${h.sql}`, params: h.params };
  }
  const each = [...new Set(ids)].map((id) => has([id]));
  return { sql: each.map((e) => e.sql).join(' AND '), params: each.flatMap((e) => e.params) };
}

function event(r: Record<string, unknown>, path: string, ctx: CompileContext): Compiled {
  if (typeof r.eventType !== 'string' || !(eventType(r.eventType) || CUSTOM_EVENT.test(r.eventType))) throw new RuleError(`${path}.eventType`, `unknown event type ${String(r.eventType)}`);
  if (r.did !== undefined && typeof r.did !== 'boolean') throw new RuleError(`${path}.did`, 'must be true or false');
  const params: unknown[] = [r.eventType];
  let where = 'e.member_id = m.id AND e.type = ?';
  if (r.lastDays !== undefined) {
    if (!Number.isInteger(r.lastDays) || (r.lastDays as number) < 1 || (r.lastDays as number) > 3650) throw new RuleError(`${path}.lastDays`, 'must be a whole number of days, 1-3650');
    where += ' AND e.occurred_at >= ?';
    params.push(ctx.dbDatetime(new Date(ctx.now.getTime() - (r.lastDays as number) * 86_400_000)));
  }
  if (r.properties !== undefined) {
    const p = eventProperties(r.properties, String(r.eventType), `${path}.properties`, ctx);
    where += p.sql;
    params.push(...p.params);
  }
  const did = r.did !== false;
  if (r.count !== undefined) {
    if (!did) throw new RuleError(`${path}.count`, 'applies to "did" rules only');
    const c = r.count as { op?: unknown; n?: unknown };
    const cmp = { atLeast: '>=', atMost: '<=', exactly: '=' }[String(c?.op)];
    if (!cmp) throw new RuleError(`${path}.count.op`, 'must be atLeast, atMost or exactly');
    if (!Number.isInteger(c.n) || (c.n as number) < 0 || (c.n as number) > 100_000) throw new RuleError(`${path}.count.n`, 'must be a whole number 0-100000');
    return { sql: `(SELECT COUNT(*) FROM event e WHERE ${where}) ${cmp} ?`, params: [...params, c.n] };
  }
  const exists = `EXISTS (SELECT 1 FROM event e WHERE ${where})`;
  return { sql: did ? exists : `NOT ${exists}`, params };
}

function segmentRef(r: Record<string, unknown>, path: string, depth: number, ctx: CompileContext, state: State): Compiled {
  const id = r.segmentId;
  const seg = Number.isInteger(id) ? ctx.segments?.get(id as number) : undefined;
  if (!seg) throw new RuleError(`${path}.segmentId`, `no segment ${String(id)}`);
  if (state.within.includes(id as number)) throw new RuleError(`${path}.segmentId`, `segment ${String(id)} would include itself`);
  if (seg.type === 'static') return { sql: 'EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = ? AND sm.member_id = m.id)', params: [id] };
  state.within.push(id as number);
  try {
    return compile(seg.rule, `${path}(segment ${String(id)})`, depth + 1, ctx, state);
  } finally {
    state.within.pop();
  }
}

function relation(r: Record<string, unknown>, path: string): Compiled {
  const text = (v: unknown, field: string, required: boolean) => {
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || !/^[A-Za-z0-9_.@-]{1,64}$/.test(v)) throw new RuleError(`${path}.${field}`, 'must be 1-64 letters, digits, _ . @ or -');
    return v;
  };
  switch (r.relation) {
    case 'followsOa':
    case 'usedMiniapp': {
      const appId = text(r.appId, 'appId', true);
      const type = r.relation === 'followsOa' ? 'oa_openid' : 'mp_openid';
      // following: an identity on that OA whose consent was not withdrawn (unfollowing withdraws it)
      const consent = r.relation === 'followsOa' ? ' AND (i.consent IS NULL OR i.consent = 1)' : '';
      return { sql: `EXISTS (SELECT 1 FROM member_identity i WHERE i.member_id = m.id AND i.type = ? AND i.app_id = ?${consent})`, params: [type, appId] };
    }
    case 'addedByStaff': {
      const staff = text(r.staffUserId, 'staffUserId', true);
      const corpId = text(r.appId, 'appId', false);
      const corp = corpId ? " AND f.account_id IN (SELECT c.id FROM channel_account c WHERE c.type = 'wecom' AND c.external_id = ?)" : '';
      return { sql: `EXISTS (SELECT 1 FROM wecom_contact_follow f WHERE f.member_id = m.id AND f.staff_user_id = ? AND f.removed_at IS NULL${corp})`, params: corpId ? [staff, corpId] : [staff] };
    }
    default:
      throw new RuleError(`${path}.relation`, 'must be followsOa, usedMiniapp or addedByStaff');
  }
}

const PROPERTY_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains'] as const;
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Filters on event properties (JSON): typed by the catalog, or by the value given for custom events. */
function eventProperties(list: unknown, type: string, path: string, ctx: CompileContext): Compiled {
  if (!Array.isArray(list) || list.length > 10) throw new RuleError(path, 'must be a list of at most 10 property filters');
  const schema = eventType(type)?.properties;
  let sql = '';
  const params: unknown[] = [];
  list.forEach((f: { name?: unknown; operator?: unknown; value?: unknown }, i) => {
    const at = `${path}[${i}]`;
    if (typeof f?.name !== 'string' || !PROPERTY_NAME.test(f.name)) throw new RuleError(`${at}.name`, 'must be a property name');
    const declared = schema?.find((p) => p.name === f.name)?.type;
    if (schema && !declared) throw new RuleError(`${at}.name`, `${type} has no property ${f.name}`);
    const op = f.operator as (typeof PROPERTY_OPS)[number];
    if (!PROPERTY_OPS.includes(op)) throw new RuleError(`${at}.operator`, `must be one of ${PROPERTY_OPS.join(', ')}`);
    const sample = Array.isArray(f.value) ? f.value[0] : f.value;
    const kind = declared === 'number' || (!declared && typeof sample === 'number') ? 'number' : declared === 'boolean' || (!declared && typeof sample === 'boolean') ? 'boolean' : 'string';
    const check = (v: unknown, where: string) => {
      if (kind === 'number' && (typeof v !== 'number' || !Number.isFinite(v))) throw new RuleError(where, 'must be a number');
      if (kind === 'boolean' && typeof v !== 'boolean') throw new RuleError(where, 'must be true or false');
      if (kind === 'string' && (typeof v !== 'string' || v.length > 255)) throw new RuleError(where, 'must be text of at most 255 characters');
      return kind === 'boolean' ? (v ? 1 : 0) : v;
    };
    if ((op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') && kind !== 'number') throw new RuleError(`${at}.operator`, `${op} compares numbers; ${f.name} is ${kind}`);
    if (op === 'contains' && kind !== 'string') throw new RuleError(`${at}.operator`, `contains applies to text; ${f.name} is ${kind}`);
    const read = ctx.dialect === 'mysql' ? 'JSON_VALUE(e.properties, ?)' : 'json_extract(e.properties, ?)';
    const value = kind === 'number' ? (ctx.dialect === 'mysql' ? `CAST(${read} AS DECIMAL(30,6))` : `CAST(${read} AS REAL)`) : read;
    const jsonPath = `$.${f.name}`;
    switch (op) {
      case 'in': {
        if (!Array.isArray(f.value) || !f.value.length || f.value.length > 100) throw new RuleError(`${at}.value`, 'must be a list of 1-100 values');
        const vals = f.value.map((v, j) => check(v, `${at}.value[${j}]`));
        sql += ` AND ${value} IN (${vals.map(() => '?').join(', ')})`;
        params.push(jsonPath, ...vals);
        break;
      }
      case 'contains':
        sql += ` AND ${value} LIKE ? ESCAPE '!'`;
        params.push(jsonPath, `%${likeEscape(String(check(f.value, `${at}.value`)))}%`);
        break;
      case 'neq':
        sql += ` AND (${value} IS NULL OR ${value} <> ?)`;
        params.push(jsonPath, jsonPath, check(f.value, `${at}.value`));
        break;
      default: {
        const cmp = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' }[op];
        sql += ` AND ${value} ${cmp} ?`;
        params.push(jsonPath, check(f.value, `${at}.value`));
      }
    }
  });
  return { sql, params };
}
