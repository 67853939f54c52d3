/**
 * Next/previous over a cursor-paged API. The server only gives `nextCursor`, so the pager keeps
 * the cursor that opened each page it has seen; "previous" re-requests that page.
 */
export interface CursorPager {
  /** cursors[i] opened page i (page 0 has none). */
  cursors: (string | null)[]
  index: number
  /** nextCursor of the page on screen (null: last page). */
  nextCursor: string | null
}

export function newPager(): CursorPager {
  return { cursors: [null], index: 0, nextCursor: null }
}

export function currentCursor(p: CursorPager): string | null {
  return p.cursors[p.index] ?? null
}

export function hasNext(p: CursorPager): boolean {
  return p.nextCursor !== null
}

export function hasPrev(p: CursorPager): boolean {
  return p.index > 0
}

/** Record the nextCursor of the page just loaded. */
export function loaded(p: CursorPager, nextCursor: string | null): CursorPager {
  return { ...p, nextCursor }
}

/** Move to the next page; returns the pager to load (unchanged if there is no next page). */
export function next(p: CursorPager): CursorPager {
  if (p.nextCursor === null) return p
  const cursors = [...p.cursors.slice(0, p.index + 1), p.nextCursor]
  return { cursors, index: p.index + 1, nextCursor: null }
}

export function prev(p: CursorPager): CursorPager {
  if (p.index === 0) return p
  return { cursors: p.cursors.slice(0, p.index), index: p.index - 1, nextCursor: null }
}

/** 1-based range of rows on the current page, for "21–40 of 300". */
export function rowRange(p: CursorPager, limit: number, rowsOnPage: number): [number, number] {
  const start = p.index * limit
  return rowsOnPage === 0 ? [0, 0] : [start + 1, start + rowsOnPage]
}
