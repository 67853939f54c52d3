/**
 * Calendar arithmetic for date rules. "Today", "the next N days", weekdays and anniversaries follow the
 * brand's local calendar; storage is UTC, so windows are computed here and bound as parameters.
 */
import { parseBound, zoneOffsetMs } from '../../platform/time/time';
import { RuleError } from './types';

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The brand-local calendar day (YYYY-MM-DD) at an instant. */
export function localDay(at: Date, timeZone: string): string {
  return new Date(at.getTime() + zoneOffsetMs(at, timeZone)).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (YYYY-MM-DD; n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC instant a brand-local day starts. */
export function dayStart(day: string, timeZone: string): Date {
  return parseBound(day, timeZone);
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(x: unknown): x is string {
  if (typeof x !== 'string' || !DAY.test(x)) return false;
  const d = new Date(`${x}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === x;
}

/** Checks [from, to] (brand-local days, inclusive) and gives the UTC instants [start of from, start of the day after to). */
export function dayRange(value: unknown, path: string, timeZone: string): [Date, Date] {
  if (!Array.isArray(value) || value.length !== 2) throw new RuleError(path, 'must be [from, to], two dates YYYY-MM-DD');
  value.forEach((d, i) => {
    if (!isDay(d)) throw new RuleError(`${path}[${i}]`, 'must be a date YYYY-MM-DD');
  });
  const [from, to] = value as [string, string];
  if (from > to) throw new RuleError(path, 'from must not be after to');
  return [dayStart(from, timeZone), dayStart(addDays(to, 1), timeZone)];
}

/** month * 100 + day, the key anniversaries compare on (Feb 29 = 229). */
const keyOf = (day: string) => Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Every month/day key in calendar order, Feb 29 included (2000 is a leap year). */
const CALENDAR: number[] = Array.from({ length: 366 }, (_, i) => keyOf(addDays('2000-01-01', i)));

/**
 * The month/day keys of the days from `first` to `last` (inclusive). In a year without Feb 29, Feb 28
 * also stands for Feb 29, so people born on a leap day are celebrated on Feb 28.
 */
export function anniversaryKeys(first: string, last: string): Set<number> {
  const keys = new Set<number>();
  for (let day = first, n = 0; day <= last && n < 366; day = addDays(day, 1), n++) {
    keys.add(keyOf(day));
    if (keyOf(day) === 228 && !isLeap(Number(day.slice(0, 4)))) keys.add(229);
  }
  return keys;
}

/**
 * Groups keys into [lo, hi] runs along the calendar, for `key BETWEEN lo AND hi` conditions: a window
 * across New Year (Dec 28 + 7 days) gives two runs, [1228, 1231] and [101, 104].
 */
export function keyRuns(keys: Set<number>): [number, number][] {
  const runs: [number, number][] = [];
  let open: [number, number] | null = null;
  for (const k of CALENDAR) {
    if (!keys.has(k)) {
      open = null;
    } else if (open) {
      open[1] = k;
    } else {
      open = [k, k];
      runs.push(open);
    }
  }
  return runs;
}

/** Anniversaries "within the next N days" at `now`: today (N = 0) through the Nth day from today. */
export function anniversaryWindow(now: Date, days: number, timeZone: string): [number, number][] {
  const today = localDay(now, timeZone);
  return keyRuns(anniversaryKeys(today, addDays(today, days)));
}

/**
 * The anniversaries whose "within N days" answer can change while the clock moves from `from` to `to`:
 * the days that leave the window (today(from) .. the day before today(to)) and the days that enter it
 * (the day after today(from)+N .. today(to)+N). Empty while `from` and `to` are on the same local day.
 */
export function anniversaryChanges(from: Date, to: Date, days: number, timeZone: string): [number, number][] {
  const a = localDay(from, timeZone);
  const b = localDay(to, timeZone);
  if (a >= b) return [];
  const keys = anniversaryKeys(a, addDays(b, -1));
  for (const k of anniversaryKeys(addDays(a, days + 1), addDays(b, days))) keys.add(k);
  return keyRuns(keys);
}

/**
 * The zone's offset at `now`, in seconds, used to read the local day, weekday and month of a UTC
 * datetime in SQL. It is one fixed offset for the whole query: right for zones without daylight saving
 * (Asia/Shanghai); in a zone with it, datetimes on the other side of a switch can be an hour off.
 */
export function offsetSeconds(now: Date, timeZone: string): number {
  return Math.round(zoneOffsetMs(now, timeZone) / 1000);
}
