import { decodeCursor, encodeCursor } from './member-cursor';

describe('member list cursor', () => {
  it('round-trips the last row position', () => {
    const c = { sort: 'points' as const, order: 'desc' as const, value: 120, id: 42, total: 1000 };
    expect(decodeCursor(encodeCursor(c), 'points', 'desc')).toEqual(c);
  });

  it('refuses a cursor made for another sort', () => {
    const raw = encodeCursor({ sort: 'points', order: 'desc', value: 1, id: 1 });
    expect(() => decodeCursor(raw, 'createdAt', 'desc')).toThrow(/different sort/);
  });

  it('refuses garbage with a 400 naming the cursor', () => {
    try {
      decodeCursor('not-base64-json', 'createdAt', 'desc');
      throw new Error('should have thrown');
    } catch (e) {
      expect((e as { status: number }).status).toBe(400);
      expect((e as { details: { field: string }[] }).details[0].field).toBe('cursor');
    }
  });
});
