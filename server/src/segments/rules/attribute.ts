import { CompileContext, Compiled, FieldDef, Operator, RuleError, opsOf } from './types';
import { calendarCondition, calendarMoving, checkCalendarValue, isCalendarOp, monthDayCondition, targetOf } from './calendar';
import { likeEscape } from './sql';

/** A member field or custom attribute compared with a typed operator. */
export function attribute(r: Record<string, unknown>, path: string, ctx: CompileContext): Compiled {
  if (typeof r.field !== 'string') throw new RuleError(`${path}.field`, 'is required');
  const def = ctx.fields.get(r.field);
  if (!def) throw new RuleError(`${path}.field`, `unknown field ${r.field}`);
  const op = r.operator as Operator;
  if (!opsOf(def).includes(op)) throw new RuleError(`${path}.operator`, `${String(r.operator)} does not apply to ${def.type} field ${r.field} (use ${opsOf(def).join(', ')})`);
  const value = checkValue(def, op, r.value, `${path}.value`, ctx);
  const calendar = calendarMoving(def, op, value, ctx);
  const moving = op === 'inLastDays' || op === 'notInLastDays' ? [lastDaysCandidates(def, Number(value), ctx)] : calendar && [calendar];
  const reads = [`field:${r.field}`];
  if (def.monthDay) return { ...monthDayCondition(def, op, value, ctx), moving, reads };
  if (def.column) {
    // Booleans are tinyint on MySQL and integers on SQLite: compare as numbers.
    return { ...condition(`m.${def.column}`, def, op, value, ctx), moving, reads };
  }
  const col = def.type === 'number' ? 'a.value_number' : def.type === 'date' ? 'a.value_date' : def.type === 'boolean' ? 'a.value_bool' : 'a.value_text';
  const has = `EXISTS (SELECT 1 FROM member_attribute a WHERE a.member_id = m.id AND a.attribute_id = ?`;
  if (op === 'isSet') return { sql: `${has})`, params: [def.attributeId], reads };
  if (op === 'isEmpty') return { sql: `NOT ${has})`, params: [def.attributeId], reads };
  const inner = condition(col, def, op, value, ctx);
  return { sql: `${has} AND ${inner.sql})`, params: [def.attributeId, ...inner.params], moving, reads };
}

/** "In the last N days" changes for values that leave the window as the clock moves: those between from-N and to-N. */
function lastDaysCandidates(def: FieldDef, days: number, ctx: CompileContext) {
  return (from: Date, to: Date): Compiled => {
    const edge = (d: Date) => {
      const s = ctx.dbDatetime(new Date(d.getTime() - days * 86_400_000));
      return def.type === 'date' ? s.slice(0, 10) : s;
    };
    if (def.column) return { sql: `SELECT m.id AS member_id FROM member m WHERE m.${def.column} >= ? AND m.${def.column} < ?`, params: [edge(from), edge(to)] };
    const col = def.type === 'date' ? 'a.value_date' : 'a.value_text';
    return { sql: `SELECT a.member_id FROM member_attribute a WHERE a.attribute_id = ? AND ${col} >= ? AND ${col} < ?`, params: [def.attributeId, edge(from), edge(to)] };
  };
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
    case 'inLastDays':
    case 'notInLastDays': {
      // notInLastDays: set, and older than the inLastDays window (empty values match neither)
      const since = new Date(ctx.now.getTime() - Number(value) * 86_400_000);
      return { sql: `${col} ${op === 'inLastDays' ? '>=' : '<'} ?`, params: [def.type === 'date' ? ctx.dbDatetime(since).slice(0, 10) : ctx.dbDatetime(since)] };
    }
    default:
      return calendarCondition(targetOf(def, col), op, value as number | number[], ctx);
  }
}

/** Checks the value's shape for the operator and field type; returns it ready to bind. */
function checkValue(def: FieldDef, op: Operator, value: unknown, path: string, ctx: CompileContext): unknown {
  if (op === 'isEmpty' || op === 'isSet') return undefined;
  if (isCalendarOp(op)) return checkCalendarValue(op, value, path);
  if (op === 'inLastDays' || op === 'notInLastDays') {
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

