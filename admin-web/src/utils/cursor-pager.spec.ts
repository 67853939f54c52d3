import { describe, expect, it } from 'vitest'
import { currentCursor, hasNext, hasPrev, loaded, newPager, next, prev, rowRange } from './cursor-pager'

describe('cursor pager', () => {
  it('starts on page 0 with no cursor and no neighbours', () => {
    const p = newPager()
    expect(currentCursor(p)).toBeNull()
    expect(hasPrev(p)).toBe(false)
    expect(hasNext(p)).toBe(false)
  })

  it('walks forward with the server cursors and back to the cursor that opened each page', () => {
    let p = loaded(newPager(), 'c1')
    expect(hasNext(p)).toBe(true)
    p = next(p)
    expect(currentCursor(p)).toBe('c1')
    p = loaded(p, 'c2')
    p = next(p)
    expect(currentCursor(p)).toBe('c2')
    expect(p.index).toBe(2)
    p = loaded(p, null)
    expect(hasNext(p)).toBe(false)

    p = prev(p)
    expect(currentCursor(p)).toBe('c1')
    expect(p.index).toBe(1)
    p = prev(p)
    expect(currentCursor(p)).toBeNull()
    expect(hasPrev(p)).toBe(false)
  })

  it('does not move past either end', () => {
    const first = newPager()
    expect(prev(first)).toBe(first)
    const last = loaded(newPager(), null)
    expect(next(last)).toBe(last)
  })

  it('forgets pages after the current one when the path changes', () => {
    let p = next(loaded(newPager(), 'a'))
    p = next(loaded(p, 'b')) // page 2 opened by 'b'
    p = prev(p) // back on page 1
    p = next(loaded(p, 'b2')) // the server now gives another cursor
    expect(p.cursors).toEqual([null, 'a', 'b2'])
  })

  it('computes the 1-based row range for "21–40 of N"', () => {
    const p = next(loaded(newPager(), 'x'))
    expect(rowRange(p, 20, 20)).toEqual([21, 40])
    expect(rowRange(p, 20, 7)).toEqual([21, 27])
    expect(rowRange(newPager(), 20, 0)).toEqual([0, 0])
  })
})
