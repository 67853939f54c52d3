import { CUSTOM_EVENT, eventType } from '../../events/event-catalog';
import { CompileContext, Compiled, RuleError } from './types';
import { addDays, dayRange, dayStart, isDay } from './dates';
import { likeEscape } from './sql';

const CORRELATED = 'e.member_id = m.id AND ';

/** Behaviour: did / did not do an event, how often, when, with which properties. */
export function event(r: Record<string, unknown>, path: string, ctx: CompileContext): Compiled {
  if (typeof r.eventType !== 'string' || !(eventType(r.eventType) || CUSTOM_EVENT.test(r.eventType))) throw new RuleError(`${path}.eventType`, `unknown event type ${String(r.eventType)}`);
  if (r.did !== undefined && typeof r.did !== 'boolean') throw new RuleError(`${path}.did`, 'must be true or false');
  const params: unknown[] = [r.eventType];
  let where = `${CORRELATED}e.type = ?`;
  if (r.lastDays !== undefined) {
    if (!Number.isInteger(r.lastDays) || (r.lastDays as number) < 1 || (r.lastDays as number) > 3650) throw new RuleError(`${path}.lastDays`, 'must be a whole number of days, 1-3650');
    where += ' AND e.occurred_at >= ?';
    params.push(ctx.dbDatetime(new Date(ctx.now.getTime() - (r.lastDays as number) * 86_400_000)));
  }
  if (r.between !== undefined) {
    if (r.lastDays !== undefined) throw new RuleError(`${path}.between`, 'give lastDays or between, not both');
    const [start, end] = dayRange(r.between, `${path}.between`, ctx.timezone);
    where += ' AND e.occurred_at >= ? AND e.occurred_at < ?';
    params.push(ctx.dbDatetime(start), ctx.dbDatetime(end));
  }
  const moving = r.lastDays === undefined ? undefined : [windowCandidates(r.eventType, r.lastDays as number, ctx)];
  if (r.properties !== undefined) {
    const p = eventProperties(r.properties, String(r.eventType), `${path}.properties`, ctx);
    where += p.sql;
    params.push(...p.params);
  }
  if (r.occurrence !== undefined) return occurrence(r, path, ctx, { sql: where, params });
  if (r.operator !== undefined || r.value !== undefined) throw new RuleError(`${path}.occurrence`, 'is required with operator and value (first or last)');
  const did = r.did !== false;
  if (r.count !== undefined) {
    if (!did) throw new RuleError(`${path}.count`, 'applies to "did" rules only');
    const c = r.count as { op?: unknown; n?: unknown };
    const cmp = { atLeast: '>=', atMost: '<=', exactly: '=' }[String(c?.op)];
    if (!cmp) throw new RuleError(`${path}.count.op`, 'must be atLeast, atMost or exactly');
    if (!Number.isInteger(c.n) || (c.n as number) < 0 || (c.n as number) > 100_000) throw new RuleError(`${path}.count.n`, 'must be a whole number 0-100000');
    // The matching events grouped by member in one pass (idx_event__type_time_member), not a COUNT per member:
    // MySQL/MariaDB run a correlated COUNT for every member there is. Members without such events
    // are in no group, so a count that holds for zero (at most N, exactly 0) keeps everyone but the
    // groups that break it.
    const n = c.n as number;
    const zeroMatches = c.op === 'atMost' || n === 0;
    const broken = ({ atLeast: '<', atMost: '>', exactly: '<>' } as Record<string, string>)[String(c.op)];
    const groups = (op: string) => `SELECT e.member_id FROM event e WHERE ${where.slice(CORRELATED.length)} AND e.member_id IS NOT NULL GROUP BY e.member_id HAVING COUNT(*) ${op} ?`;
    const sql = zeroMatches ? `m.id NOT IN (${groups(broken)})` : `m.id IN (${groups(cmp)})`;
    return { sql, params: [...params, n], moving, reads: [`event:${r.eventType}`] };
  }
  const exists = `EXISTS (SELECT 1 FROM event e WHERE ${where})`;
  return { sql: did ? exists : `NOT ${exists}`, params, moving, reads: [`event:${r.eventType}`] };
}

/** A window of the last N days loses the events that were N days old as the clock moves from `from` to `to`. */
function windowCandidates(type: string, days: number, ctx: CompileContext) {
  return (from: Date, to: Date): Compiled => ({
    sql: 'SELECT e.member_id FROM event e WHERE e.type = ? AND e.occurred_at >= ? AND e.occurred_at < ? AND e.member_id IS NOT NULL',
    params: [type, ctx.dbDatetime(new Date(from.getTime() - days * 86_400_000)), ctx.dbDatetime(new Date(to.getTime() - days * 86_400_000))],
  });
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

/**
 * When the member's first (MIN) or last (MAX) such event happened, from one aggregate subquery per
 * member (idx_event__member_time). A member who never did it has no date: the comparison is unknown and
 * COALESCE makes it false, so they do not match, and do match the rule's NOT.
 */
function occurrence(r: Record<string, unknown>, path: string, ctx: CompileContext, scope: Compiled): Compiled {
  if (r.occurrence !== 'first' && r.occurrence !== 'last') throw new RuleError(`${path}.occurrence`, 'must be first or last');
  for (const key of ['did', 'count', 'lastDays', 'between']) {
    if (r[key] !== undefined) throw new RuleError(`${path}.${key}`, 'does not combine with occurrence (use operator and value)');
  }
  const type = String(r.eventType);
  const at = r.occurrence === 'first' ? 'MIN(e.occurred_at)' : 'MAX(e.occurred_at)';
  const day = (v: unknown) => {
    if (!isDay(v)) throw new RuleError(`${path}.value`, 'must be a date YYYY-MM-DD');
    return v;
  };
  let cond: Compiled;
  let moving: Compiled['moving'];
  switch (r.operator) {
    case 'before':
      cond = { sql: `${at} < ?`, params: [ctx.dbDatetime(dayStart(day(r.value), ctx.timezone))] };
      break;
    case 'after':
      cond = { sql: `${at} >= ?`, params: [ctx.dbDatetime(dayStart(addDays(day(r.value), 1), ctx.timezone))] };
      break;
    case 'between': {
      const [start, end] = dayRange(r.value, `${path}.value`, ctx.timezone);
      cond = { sql: `${at} >= ? AND ${at} < ?`, params: [ctx.dbDatetime(start), ctx.dbDatetime(end)] };
      break;
    }
    case 'inLastDays':
    case 'notInLastDays': {
      const n = r.value;
      if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 3650) throw new RuleError(`${path}.value`, 'must be a whole number of days, 1-3650');
      const since = ctx.dbDatetime(new Date(ctx.now.getTime() - (n as number) * 86_400_000));
      cond = { sql: `${at} ${r.operator === 'inLastDays' ? '>=' : '<'} ?`, params: [since] };
      // the first/last date is one of the events: those crossing the N-day edge are the candidates
      moving = [windowCandidates(type, n as number, ctx)];
      break;
    }
    default:
      throw new RuleError(`${path}.operator`, 'must be before, after, between, inLastDays or notInLastDays');
  }
  return { sql: `COALESCE((SELECT ${cond.sql} FROM event e WHERE ${scope.sql}), 0) = 1`, params: [...cond.params, ...scope.params], moving, reads: [`event:${type}`] };
}
