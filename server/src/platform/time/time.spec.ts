import { fromDbDatetime, parseBound, toDbDatetime, zoneOffsetMs } from './time';

describe('time helpers', () => {
  it('formats and reads UTC datetimes the way the database stores them', () => {
    const d = new Date('2026-03-04T05:06:07.890Z');
    expect(toDbDatetime(d)).toBe('2026-03-04 05:06:07');
    expect(fromDbDatetime('2026-03-04 05:06:07')?.toISOString()).toBe('2026-03-04T05:06:07.000Z');
  });

  it('treats a bare date as the brand-local calendar day', () => {
    expect(zoneOffsetMs(new Date('2026-01-01T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3600_000);
    expect(parseBound('2026-05-01', 'Asia/Shanghai').toISOString()).toBe('2026-04-30T16:00:00.000Z');
    expect(parseBound('2026-05-01', 'Asia/Shanghai', true).toISOString()).toBe('2026-05-01T16:00:00.000Z');
    expect(parseBound('2026-05-01T10:00:00Z', 'Asia/Shanghai').toISOString()).toBe('2026-05-01T10:00:00.000Z');
  });
});
