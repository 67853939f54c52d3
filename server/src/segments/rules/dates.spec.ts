import { CompileContext, MEMBER_FIELDS, RuleError, compileRule } from '../segment-compiler';
import { anniversaryChanges, anniversaryWindow, dayRange, dayStart, localDay } from './dates';

const TZ = 'Asia/Shanghai';
// 08:00 on Monday 23 Nov 2026 in Shanghai
const ctx: CompileContext = {
  fields: new Map([...Object.entries(MEMBER_FIELDS), ['attributes.joined_on', { type: 'date' as const, attributeId: 8 }]]),
  knownTagIds: new Set(),
  now: new Date('2026-11-23T00:00:00Z'),
  dbDatetime: (d) => d.toISOString().slice(0, 19).replace('T', ' '),
  timezone: TZ,
};
const fail = (rule: unknown, c = ctx) => {
  try {
    compileRule(rule, c);
  } catch (e) {
    return e as RuleError;
  }
  throw new Error('expected a RuleError');
};

describe('brand-local calendar windows', () => {
  it('reads "today" in the brand zone, not in UTC', () => {
    // 00:30 on 1 Jan in Shanghai is still 31 Dec in UTC
    expect(localDay(new Date('2026-12-31T16:30:00Z'), TZ)).toBe('2027-01-01');
    expect(localDay(new Date('2026-12-31T16:30:00Z'), 'UTC')).toBe('2026-12-31');
    expect(dayStart('2027-01-01', TZ).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(dayRange(['2026-11-01', '2026-11-30'], 'v', TZ).map((d) => d.toISOString())).toEqual(['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z']);
  });

  it('wraps anniversaries across New Year', () => {
    const dec28 = new Date('2026-12-27T16:00:00Z'); // midnight starting 28 Dec in Shanghai
    expect(anniversaryWindow(dec28, 7, TZ)).toEqual([[101, 104], [1228, 1231]]);
    expect(anniversaryWindow(dec28, 7, 'UTC')).toEqual([[101, 103], [1227, 1231]]);
    expect(anniversaryWindow(dec28, 0, TZ)).toEqual([[1228, 1228]]);
    expect(anniversaryWindow(dec28, 365, TZ)).toEqual([[101, 1231]]);
  });

  it('celebrates Feb 29 on Feb 28 in years without it', () => {
    const at = (day: string) => dayStart(day, TZ);
    expect(anniversaryWindow(at('2027-02-25'), 3, TZ)).toEqual([[225, 229]]);
    expect(anniversaryWindow(at('2027-02-28'), 0, TZ)).toEqual([[228, 229]]);
    expect(anniversaryWindow(at('2028-02-25'), 3, TZ)).toEqual([[225, 228]]);
    expect(anniversaryWindow(at('2028-02-25'), 4, TZ)).toEqual([[225, 229]]);
    expect(anniversaryWindow(at('2027-03-01'), 1, TZ)).toEqual([[301, 302]]);
  });

  it('finds the anniversaries entering or leaving the window as the clock moves', () => {
    // 23:00 on 31 Dec → 01:00 on 1 Jan (Shanghai): 31 Dec leaves a 7-day window, 8 Jan enters
    expect(anniversaryChanges(new Date('2026-12-31T15:00:00Z'), new Date('2026-12-31T17:00:00Z'), 7, TZ)).toEqual([[108, 108], [1231, 1231]]);
    // within one local day nothing moves
    expect(anniversaryChanges(new Date('2026-12-31T16:30:00Z'), new Date('2027-01-01T15:59:00Z'), 7, TZ)).toEqual([]);
  });
});

describe('date operators', () => {
  it('reads weekdays and months of UTC datetimes in the brand zone, per dialect', () => {
    const rule = { kind: 'attribute', field: 'createdAt', operator: 'dayOfWeek', value: [6, 7, 6] };
    expect(compileRule(rule, { ...ctx, dialect: 'mysql' })).toMatchObject({ sql: '(WEEKDAY(DATE_ADD(m.created_at, INTERVAL ? SECOND)) + 1) IN (?, ?)', params: [28800, 6, 7] });
    expect(compileRule(rule, { ...ctx, dialect: 'sqlite' })).toMatchObject({ sql: "((CAST(strftime('%w', m.created_at, ?) AS INTEGER) + 6) % 7 + 1) IN (?, ?)", params: ['+28800 seconds', 6, 7] });
    // a DATE needs no shift
    expect(compileRule({ kind: 'attribute', field: 'attributes.joined_on', operator: 'month', value: [12] }, { ...ctx, dialect: 'mysql' })).toMatchObject({
      sql: 'EXISTS (SELECT 1 FROM member_attribute a WHERE a.member_id = m.id AND a.attribute_id = ? AND MONTH(a.value_date) IN (?))',
      params: [8, 12],
    });
    expect(compileRule({ kind: 'attribute', field: 'lastSeenAt', operator: 'dayOfMonth', value: [1, 15] }, ctx).moving).toBeUndefined();
  });

  it('binds the UTC bounds of the next N local days, and knows whom midnight moves', () => {
    const c = compileRule({ kind: 'attribute', field: 'lastSeenAt', operator: 'inNextDays', value: 2 }, ctx);
    expect(c).toMatchObject({ sql: 'm.last_seen_at >= ? AND m.last_seen_at < ?', params: ['2026-11-22 16:00:00', '2026-11-25 16:00:00'], reads: ['field:lastSeenAt'] });
    // 23 Nov leaves, 26 Nov enters
    expect(c.moving?.[0](new Date('2026-11-23T00:00:00Z'), new Date('2026-11-24T00:00:00Z'))).toEqual({
      sql: 'SELECT m.id AS member_id FROM member m WHERE ((m.last_seen_at >= ? AND m.last_seen_at < ?) OR (m.last_seen_at >= ? AND m.last_seen_at < ?))',
      params: ['2026-11-22 16:00:00', '2026-11-23 16:00:00', '2026-11-25 16:00:00', '2026-11-26 16:00:00'],
    });
    expect(c.moving?.[0](new Date('2026-11-23T00:00:00Z'), new Date('2026-11-23T10:00:00Z')).sql).toContain('1 = 0');
    const onDate = compileRule({ kind: 'attribute', field: 'attributes.joined_on', operator: 'inNextDays', value: 0 }, ctx);
    expect(onDate.params).toEqual([8, '2026-11-23', '2026-11-23']);
    expect(onDate.moving?.[0](ctx.now, new Date('2026-11-24T00:00:00Z')).sql).toMatch(/^SELECT a.member_id FROM member_attribute a WHERE a.attribute_id = \? AND /);
  });

  it('takes notInLastDays as the older side of inLastDays', () => {
    const c = compileRule({ kind: 'attribute', field: 'lastSeenAt', operator: 'notInLastDays', value: 30 }, ctx);
    expect(c).toMatchObject({ sql: 'm.last_seen_at < ?', params: ['2026-10-24 00:00:00'] });
    expect(c.moving).toHaveLength(1);
  });

  it('compiles birthdays from month and day, with their own operators', () => {
    const c = compileRule({ kind: 'attribute', field: 'birthday', operator: 'anniversaryInDays', value: 7 }, ctx);
    expect(c).toMatchObject({ sql: '((m.birth_month * 100 + m.birth_day) BETWEEN ? AND ?)', params: [1123, 1130], reads: ['field:birthday'] });
    expect(c.moving?.[0](new Date('2026-11-23T00:00:00Z'), new Date('2026-11-24T00:00:00Z'))).toEqual({
      sql: 'SELECT m.id AS member_id FROM member m WHERE ((m.birth_month * 100 + m.birth_day) BETWEEN ? AND ? OR (m.birth_month * 100 + m.birth_day) BETWEEN ? AND ?)',
      params: [1123, 1123, 1201, 1201],
    });
    expect(compileRule({ kind: 'attribute', field: 'birthday', operator: 'month', value: [11, 12] }, ctx)).toMatchObject({ sql: 'm.birth_month IN (?, ?)', params: [11, 12] });
    expect(compileRule({ kind: 'attribute', field: 'birthday', operator: 'isEmpty' }, ctx).sql).toBe('(m.birth_month IS NULL OR m.birth_day IS NULL)');
    expect(compileRule({ kind: 'attribute', field: 'birthYear', operator: 'lt', value: 1990 }, ctx)).toMatchObject({ sql: 'm.birth_year < ?', params: [1990] });
    expect(fail({ kind: 'attribute', field: 'birthday', operator: 'dayOfWeek', value: [1] })).toMatchObject({ path: 'rule.operator' });
  });

  it('names wrong values', () => {
    const group = (r: unknown) => ({ kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'city', operator: 'isSet' }, r] });
    expect(fail(group({ kind: 'attribute', field: 'createdAt', operator: 'dayOfMonth', value: [1, 32] }))).toMatchObject({ path: 'rule.rules[1].value[1]' });
    expect(fail(group({ kind: 'attribute', field: 'createdAt', operator: 'dayOfWeek', value: 1 }))).toMatchObject({ path: 'rule.rules[1].value' });
    expect(fail(group({ kind: 'attribute', field: 'birthday', operator: 'anniversaryInDays', value: 400 }))).toMatchObject({ path: 'rule.rules[1].value' });
    expect(fail(group({ kind: 'attribute', field: 'lastSeenAt', operator: 'inNextDays', value: -1 }))).toMatchObject({ path: 'rule.rules[1].value' });
    expect(fail(group({ kind: 'attribute', field: 'points', operator: 'month', value: [1] }))).toMatchObject({ path: 'rule.rules[1].operator' });
  });
});

describe('behaviour in time', () => {
  it('counts events between two local days', () => {
    expect(compileRule({ kind: 'event', eventType: 'pay.paid', between: ['2026-11-01', '2026-11-11'] }, ctx)).toMatchObject({
      sql: 'EXISTS (SELECT 1 FROM event e WHERE e.member_id = m.id AND e.type = ? AND e.occurred_at >= ? AND e.occurred_at < ?)',
      params: ['pay.paid', '2026-10-31 16:00:00', '2026-11-11 16:00:00'],
      moving: undefined,
    });
    expect(fail({ kind: 'event', eventType: 'pay.paid', between: ['2026-11-01', '2026-11-11'], lastDays: 7 })).toMatchObject({ path: 'rule.between' });
    expect(fail({ kind: 'event', eventType: 'pay.paid', between: ['2026-11-12', '2026-11-11'] })).toMatchObject({ path: 'rule.between' });
    expect(fail({ kind: 'event', eventType: 'pay.paid', between: ['2026-02-30', '2026-03-01'] })).toMatchObject({ path: 'rule.between[0]' });
  });

  it('compares the first or last occurrence, never matching those who never did it', () => {
    const c = compileRule({ kind: 'event', eventType: 'pay.paid', occurrence: 'last', operator: 'notInLastDays', value: 60 }, ctx);
    expect(c).toMatchObject({
      sql: 'COALESCE((SELECT MAX(e.occurred_at) < ? FROM event e WHERE e.member_id = m.id AND e.type = ?), 0) = 1',
      params: ['2026-09-24 00:00:00', 'pay.paid'],
      reads: ['event:pay.paid'],
    });
    expect(c.moving?.[0](ctx.now, new Date('2026-11-23T01:00:00Z')).params).toEqual(['pay.paid', '2026-09-24 00:00:00', '2026-09-24 01:00:00']);
    expect(compileRule({ kind: 'event', eventType: 'pay.paid', occurrence: 'first', operator: 'between', value: ['2026-01-01', '2026-01-31'] }, ctx)).toMatchObject({
      sql: 'COALESCE((SELECT MIN(e.occurred_at) >= ? AND MIN(e.occurred_at) < ? FROM event e WHERE e.member_id = m.id AND e.type = ?), 0) = 1',
      params: ['2025-12-31 16:00:00', '2026-01-31 16:00:00', 'pay.paid'],
      moving: undefined,
    });
    expect(compileRule({ kind: 'event', eventType: 'pay.paid', occurrence: 'first', operator: 'after', value: '2026-01-31' }, ctx).params).toEqual(['2026-01-31 16:00:00', 'pay.paid']);
    expect(fail({ kind: 'event', eventType: 'pay.paid', occurrence: 'last', operator: 'before', value: '2026-13-01' })).toMatchObject({ path: 'rule.value' });
    expect(fail({ kind: 'event', eventType: 'pay.paid', occurrence: 'last', operator: 'since', value: 3 })).toMatchObject({ path: 'rule.operator' });
    expect(fail({ kind: 'event', eventType: 'pay.paid', occurrence: 'latest', operator: 'inLastDays', value: 3 })).toMatchObject({ path: 'rule.occurrence' });
    expect(fail({ kind: 'event', eventType: 'pay.paid', occurrence: 'last', did: false, operator: 'inLastDays', value: 3 })).toMatchObject({ path: 'rule.did' });
    expect(fail({ kind: 'event', eventType: 'pay.paid', operator: 'inLastDays', value: 3 })).toMatchObject({ path: 'rule.occurrence' });
  });
});
