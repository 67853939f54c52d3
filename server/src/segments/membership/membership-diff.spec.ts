import { ANY_READ, affects, dependentsOf, diffMembership, enteredKey, groupPending, leftKey, membersAffected, membershipEvent, toDbMillis } from './membership-diff';

describe('membership diff', () => {
  const reads = new Set(['tag:3', 'event:pay.paid']);

  it('affects a segment only through what its rule reads (or a change to everything)', () => {
    expect(affects(reads, ['tag:3'])).toBe(true);
    expect(affects(reads, ['tag:4', 'event:mp.login'])).toBe(false);
    expect(affects(reads, [ANY_READ])).toBe(true);
    const pending = new Map([
      [1, new Set(['tag:3'])],
      [2, new Set(['field:city'])],
      [3, new Set([ANY_READ])],
    ]);
    expect(membersAffected(reads, pending)).toEqual([1, 3]);
  });

  it('enters members who match and are out, removes members who are in and no longer match', () => {
    const since = new Date('2030-01-01T00:00:00.123Z');
    const { enter, leave } = diffMembership([1, 2, 3, 4, 4], new Set([1, 2]), new Map([[2, since], [3, since]]));
    expect(enter).toEqual([1]);
    expect(leave).toEqual([{ memberId: 3, enteredAt: since }]);
  });

  it('names one stay by its start, so replays share keys and a later stay gets new ones', () => {
    const a = new Date('2030-01-01T00:00:00.123Z');
    const b = new Date('2030-01-01T00:00:00.124Z');
    expect(enteredKey(5, 9, a)).toBe(enteredKey(5, 9, new Date(a)));
    expect(enteredKey(5, 9, a)).not.toBe(enteredKey(5, 9, b));
    expect(leftKey(5, 9, a)).not.toBe(enteredKey(5, 9, a));
    const ev = membershipEvent('left', { id: 5, name: 'VIP' }, 9, { enteredAt: a, at: b }, 'time');
    expect(ev).toMatchObject({ type: 'segment.left', memberId: 9, occurredAt: b, properties: { segmentId: 5, segmentName: 'VIP', reason: 'time' } });
    expect(ev.dedupeKey).toBe(leftKey(5, 9, a));
    expect(ev.dedupeKey.length).toBeLessThanOrEqual(191);
  });

  it('writes milliseconds for DATETIME(3)', () => {
    expect(toDbMillis(new Date('2030-02-03T04:05:06.007Z'))).toBe('2030-02-03 04:05:06.007');
  });

  it('groups claimed rows by member', () => {
    expect(groupPending([{ memberId: 1, readKey: 'tag:1' }, { memberId: 1, readKey: 'tag:2' }, { memberId: 2, readKey: '*' }])).toEqual(new Map([[1, new Set(['tag:1', 'tag:2'])], [2, new Set(['*'])]]));
  });

  it('finds the segments built on a segment, through any depth', () => {
    const rules = new Map<number, unknown>([
      [1, { kind: 'tags', match: 'any', tagIds: [1] }],
      [2, { kind: 'group', op: 'and', rules: [{ kind: 'segment', segmentId: 1 }] }],
      [3, { kind: 'segment', segmentId: 2, not: true }],
      [4, { kind: 'segment', segmentId: 9 }],
    ]);
    expect([...dependentsOf(1, rules)].sort()).toEqual([1, 2, 3]);
    expect([...dependentsOf(3, rules)]).toEqual([3]);
  });
});
