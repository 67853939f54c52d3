/** Time helpers: storage is UTC; dates typed by people mean the brand's local calendar day. */

/** 'YYYY-MM-DD HH:MM:SS' in UTC, the form both MySQL DATETIME and SQLite compare correctly. */
export function toDbDatetime(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** Reads a DATETIME column value back (Date from mysql2, UTC text from SQLite). */
export function fromDbDatetime(v: Date | string | null | undefined): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  return new Date(/Z|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(' ', 'T') + 'Z');
}

export function isoOrNull(v: Date | string | null | undefined): string | null {
  const d = fromDbDatetime(v);
  return d ? d.toISOString() : null;
}

/** Offset of a time zone from UTC at a given instant, in ms (Asia/Shanghai → +8 h). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * Parses a filter bound. A bare date means the start of that day in the brand's zone; with
 * `endOfDay` it means the start of the next day (an exclusive upper bound covering the whole day).
 */
export function parseBound(input: string, timeZone: string, endOfDay = false): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (!m) return new Date(input);
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3] + (endOfDay ? 1 : 0));
  return new Date(guess - zoneOffsetMs(new Date(guess), timeZone));
}
