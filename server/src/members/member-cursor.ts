import { BadInputError } from '../platform/errors/app-error';
import type { MemberSort } from './members.dto';

/**
 * Keyset paging: the cursor carries the last row's sort value and id, so page N costs the same as
 * page 1. Nullable sort columns are compared through a sentinel that sorts first.
 */
export interface MemberCursor {
  sort: MemberSort;
  order: 'asc' | 'desc';
  value: string | number;
  id: number;
  /** the total of the first page, so later pages need not count again */
  total?: number;
}

export const NULL_SENTINEL: Record<MemberSort, string | number> = {
  createdAt: '1970-01-01 00:00:00',
  lastSeenAt: '1970-01-01 00:00:00',
  points: -1,
  nickname: '',
};

export function encodeCursor(c: MemberCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.order, c.value, c.id, c.total ?? null]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string, sort: MemberSort, order: 'asc' | 'desc'): MemberCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('is not a cursor from this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw badCursor('is not a cursor from this API');
  const [s, o, value, id, total] = parsed as [unknown, unknown, unknown, unknown, unknown];
  if (s !== sort || o !== order) throw badCursor('belongs to a different sort order; start again without a cursor');
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw badCursor('is damaged');
  if (typeof value !== 'string' && typeof value !== 'number') throw badCursor('is damaged');
  if (total !== null && (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0)) throw badCursor('is damaged');
  return { sort, order, value, id, ...(total === null ? {} : { total }) };
}

function badCursor(why: string) {
  return new BadInputError(`cursor ${why}`, [{ field: 'cursor', message: why }]);
}
