import { demoMembers } from './demo-data';

describe('demo members', () => {
  it('are the same every time and look like real customers', () => {
    const a = demoMembers(300);
    expect(demoMembers(300)).toEqual(a);
    expect(a).toHaveLength(300);
    expect(new Set(a.filter((m) => m.phone).map((m) => m.phone)).size).toBe(a.filter((m) => m.phone).length);
    expect(a.filter((m) => m.tags.includes('VIP')).length).toBeGreaterThan(5);
    expect(a.every((m) => /^1[3-9]\d{9}$/.test(m.phone ?? '13800000000'))).toBe(true);
  });
});
