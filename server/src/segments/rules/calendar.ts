/**
 * Calendar operators on dates: within the next N days, day of month, day of week, month, and
 * anniversaries (the month/day in any year, e.g. birthdays). Windows follow the brand's local calendar
 * (ctx.timezone) and are computed in TypeScript; the SQL reads parts of dates on MySQL and SQLite.
 */
import { addDays, anniversaryChanges, anniversaryWindow, dayStart, localDay, offsetSeconds } from './dates';
import { CompileContext, Compiled, FieldDef, MovingCandidates, Operator, RuleError } from './types';

export const CALENDAR_OPS = ['inNextDays', 'dayOfMonth', 'dayOfWeek', 'month', 'anniversaryInDays'] as const satisfies readonly Operator[];
export type CalendarOp = (typeof CALENDAR_OPS)[number];
export const isCalendarOp = (op: unknown): op is CalendarOp => CALENDAR_OPS.includes(op as CalendarOp);

/** Where a date lives: a DATE column (YYYY-MM-DD), a UTC DATETIME column, or month and day columns without a year. */
type Target = { col: string; type: 'date' | 'datetime' } | { month: string; day: string };

/** The date a field's rule reads: `col` is the column (member or attribute value) for fields with one. */
export function targetOf(def: FieldDef, col: string): Target {
  if (def.monthDay) return { month: `m.${def.monthDay.month}`, day: `m.${def.monthDay.day}` };
  return { col, type: def.type === 'datetime' ? 'datetime' : 'date' };
}

const NO_ROWS: Compiled = { sql: '1 = 0', params: [] };

/** Checks a calendar operator's value: a number of days, or a list of days / weekdays / months. */
export function checkCalendarValue(op: CalendarOp, value: unknown, path: string): number | number[] {
  const whole = (x: unknown, min: number, max: number, at: string, what: string) => {
    if (!Number.isInteger(x) || (x as number) < min || (x as number) > max) throw new RuleError(at, `must be a whole number ${what}${min}-${max}`);
    return x as number;
  };
  if (op === 'inNextDays') return whole(value, 0, 3650, path, 'of days, ');
  if (op === 'anniversaryInDays') return whole(value, 0, 365, path, 'of days, ');
  const max = { dayOfMonth: 31, dayOfWeek: 7, month: 12 }[op];
  const what = { dayOfMonth: 'days of the month', dayOfWeek: 'weekdays (1 = Monday)', month: 'months' }[op];
  if (!Array.isArray(value) || value.length === 0 || value.length > max) throw new RuleError(path, `must be a list of ${what}, 1-${max}`);
  return [...new Set(value.map((x, i) => whole(x, 1, max, `${path}[${i}]`, '')))];
}

/** One calendar condition on a date. */
export function calendarCondition(t: Target, op: CalendarOp, value: number | number[], ctx: CompileContext): Compiled {
  switch (op) {
    case 'dayOfMonth':
    case 'dayOfWeek':
    case 'month': {
      const p = part(t, op === 'dayOfMonth' ? 'day' : op === 'month' ? 'month' : 'weekday', ctx);
      const list = value as number[];
      return { sql: `${p.sql} IN (${list.map(() => '?').join(', ')})`, params: [...p.params, ...list] };
    }
    case 'anniversaryInDays':
      return keyIn(t, anniversaryWindow(ctx.now, value as number, ctx.timezone), ctx);
    case 'inNextDays': {
      const today = localDay(ctx.now, ctx.timezone);
      return days(t, today, addDays(today, value as number), ctx);
    }
  }
}

/** A month/day field (the birthday) has no single column: set and empty look at both. */
export function monthDayCondition(def: FieldDef, op: Operator, value: unknown, ctx: CompileContext): Compiled {
  const t = targetOf(def, '') as { month: string; day: string };
  if (op === 'isSet') return { sql: `(${t.month} IS NOT NULL AND ${t.day} IS NOT NULL)`, params: [] };
  if (op === 'isEmpty') return { sql: `(${t.month} IS NULL OR ${t.day} IS NULL)`, params: [] };
  if (!isCalendarOp(op)) throw new Error(`${op} is not offered for month/day fields`);
  return calendarCondition(t, op, value as number | number[], ctx);
}

/**
 * Whom the passing clock can move for a calendar operator (undefined when the answer does not depend on
 * "today"): for "within the next N days" and anniversaries, the dates that leave the window (from today
 * at `from` to the day before today at `to`) or enter it (the days that become today + N).
 */
export function calendarMoving(def: FieldDef, op: Operator, value: unknown, ctx: CompileContext): MovingCandidates | undefined {
  if (op !== 'inNextDays' && op !== 'anniversaryInDays') return undefined;
  const n = value as number;
  const onAttribute = !def.column && !def.monthDay;
  const t = targetOf(def, onAttribute ? 'a.value_date' : `m.${def.column}`);
  return (from, to) => {
    let cond: Compiled;
    if (op === 'anniversaryInDays') {
      const runs = anniversaryChanges(from, to, n, ctx.timezone);
      cond = runs.length ? keyIn(t, runs, ctx) : NO_ROWS;
    } else {
      const a = localDay(from, ctx.timezone);
      const b = localDay(to, ctx.timezone);
      if (a >= b) {
        cond = NO_ROWS;
      } else {
        const leaving = days(t, a, addDays(b, -1), ctx);
        const entering = days(t, addDays(a, n + 1), addDays(b, n), ctx);
        cond = { sql: `((${leaving.sql}) OR (${entering.sql}))`, params: [...leaving.params, ...entering.params] };
      }
    }
    if (onAttribute) return { sql: `SELECT a.member_id FROM member_attribute a WHERE a.attribute_id = ? AND ${cond.sql}`, params: [def.attributeId, ...cond.params] };
    return { sql: `SELECT m.id AS member_id FROM member m WHERE ${cond.sql}`, params: cond.params };
  };
}

/** Dates on the brand-local days `first` .. `last` (inclusive); a datetime compares with the UTC instants those days start. */
function days(t: Target, first: string, last: string, ctx: CompileContext): Compiled {
  if (!('col' in t)) throw new Error('a date without a year has no range');
  if (t.type === 'date') return { sql: `${t.col} >= ? AND ${t.col} <= ?`, params: [first, last] };
  return { sql: `${t.col} >= ? AND ${t.col} < ?`, params: [ctx.dbDatetime(dayStart(first, ctx.timezone)), ctx.dbDatetime(dayStart(addDays(last, 1), ctx.timezone))] };
}

/** The date's month/day key (month * 100 + day) in one of the runs [lo, hi]. */
function keyIn(t: Target, runs: [number, number][], ctx: CompileContext): Compiled {
  const k = part(t, 'key', ctx);
  return {
    sql: `(${runs.map(() => `${k.sql} BETWEEN ? AND ?`).join(' OR ')})`,
    params: runs.flatMap(([lo, hi]) => [...k.params, lo, hi]),
  };
}

/**
 * SQL reading a part of the brand-local date: day of month, month, weekday (1 = Monday .. 7 = Sunday) or
 * month * 100 + day. A UTC datetime is shifted by the zone's offset at `now` first (see offsetSeconds).
 */
function part(t: Target, what: 'day' | 'month' | 'weekday' | 'key', ctx: CompileContext): Compiled {
  if (!('col' in t)) {
    if (what === 'weekday') throw new Error('a date without a year has no weekday');
    return { sql: what === 'day' ? t.day : what === 'month' ? t.month : `(${t.month} * 100 + ${t.day})`, params: [] };
  }
  const shift = t.type === 'datetime' ? offsetSeconds(ctx.now, ctx.timezone) : 0;
  if (ctx.dialect === 'mysql') {
    const local = shift ? `DATE_ADD(${t.col}, INTERVAL ? SECOND)` : t.col;
    const p = shift ? [shift] : [];
    if (what === 'day') return { sql: `DAY(${local})`, params: p };
    if (what === 'month') return { sql: `MONTH(${local})`, params: p };
    if (what === 'weekday') return { sql: `(WEEKDAY(${local}) + 1)`, params: p };
    return { sql: `(MONTH(${local}) * 100 + DAY(${local}))`, params: [...p, ...p] };
  }
  // SQLite: strftime reads 'YYYY-MM-DD[ HH:MM:SS]' text; a modifier such as '+28800 seconds' shifts it
  const mod = shift ? ', ?' : '';
  const p = shift ? [`${shift > 0 ? '+' : ''}${shift} seconds`] : [];
  const read = (fmt: string) => `CAST(strftime('${fmt}', ${t.col}${mod}) AS INTEGER)`;
  if (what === 'day') return { sql: read('%d'), params: p };
  if (what === 'month') return { sql: read('%m'), params: p };
  // %w counts from Sunday = 0
  if (what === 'weekday') return { sql: `((${read('%w')} + 6) % 7 + 1)`, params: p };
  return { sql: read('%m%d'), params: p };
}
