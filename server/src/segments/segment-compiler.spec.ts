import { CompileContext, MEMBER_FIELDS, RuleError, compileRule, countQuery } from './segment-compiler';

const ctx: CompileContext = {
  fields: new Map([...Object.entries(MEMBER_FIELDS), ['attributes.shoe_size', { type: 'number' as const, attributeId: 7 }]]),
  knownTagIds: new Set([1, 2, 3]),
  now: new Date('2026-11-23T00:00:00Z'),
  dbDatetime: (d) => d.toISOString().slice(0, 19).replace('T', ' '),
  timezone: 'Asia/Shanghai',
};
const fail = (rule: unknown) => {
  try {
    compileRule(rule, ctx);
  } catch (e) {
    return e as RuleError;
  }
  throw new Error('expected a RuleError');
};

describe('compileRule', () => {
  it('compiles nested groups with NOT into parameterized SQL, never inlining values', () => {
    const c = compileRule(
      {
        kind: 'group',
        op: 'and',
        rules: [
          { kind: 'attribute', field: 'city', operator: 'eq', value: "上海'; DROP TABLE member; --" },
          { kind: 'tags', match: 'all', tagIds: [1, 2] },
          { kind: 'group', op: 'or', not: true, rules: [{ kind: 'event', eventType: 'pay.paid', lastDays: 60 }, { kind: 'attribute', field: 'attributes.shoe_size', operator: 'between', value: [36, 38] }] },
        ],
      },
      ctx,
    );
    expect(c.sql).not.toContain('DROP');
    expect(c.sql).toBe(
      "(m.city = ?) AND (EXISTS (SELECT 1 FROM member_tag mt WHERE mt.member_id = m.id AND mt.tag_id IN (?)) AND EXISTS (SELECT 1 FROM member_tag mt WHERE mt.member_id = m.id AND mt.tag_id IN (?))) AND (NOT ((EXISTS (SELECT 1 FROM event e WHERE e.member_id = m.id AND e.type = ? AND e.occurred_at >= ?)) OR (EXISTS (SELECT 1 FROM member_attribute a WHERE a.member_id = m.id AND a.attribute_id = ? AND a.value_number >= ? AND a.value_number <= ?))))",
    );
    expect(c.params).toEqual(["上海'; DROP TABLE member; --", 1, 2, 'pay.paid', '2026-09-24 00:00:00', 7, 36, 38]);
    expect(c.reads).toEqual(['field:city', 'tag:1', 'tag:2', 'event:pay.paid', 'field:attributes.shoe_size']);
    // the 60-day window, even under NOT, tells the sweep whom the passing time can move
    expect(c.moving).toHaveLength(1);
    expect(c.moving?.[0](new Date('2026-11-23T00:00:00Z'), new Date('2026-11-23T01:00:00Z'))).toEqual({
      sql: 'SELECT e.member_id FROM event e WHERE e.type = ? AND e.occurred_at >= ? AND e.occurred_at < ? AND e.member_id IS NOT NULL',
      params: ['pay.paid', '2026-09-24 00:00:00', '2026-09-24 01:00:00'],
    });
  });

  it('counts events and escapes LIKE patterns', () => {
    expect(compileRule({ kind: 'event', eventType: 'custom.store_visit', count: { op: 'atLeast', n: 3 }, lastDays: 30 }, ctx)).toMatchObject({
      sql: 'm.id IN (SELECT e.member_id FROM event e WHERE e.type = ? AND e.occurred_at >= ? AND e.member_id IS NOT NULL GROUP BY e.member_id HAVING COUNT(*) >= ?)',
      params: ['custom.store_visit', '2026-10-24 00:00:00', 3],
    });
    // a count that holds for members who never did it: everyone but the groups that break it
    expect(compileRule({ kind: 'event', eventType: 'pay.paid', count: { op: 'atMost', n: 1 } }, ctx)).toMatchObject({
      sql: 'm.id NOT IN (SELECT e.member_id FROM event e WHERE e.type = ? AND e.member_id IS NOT NULL GROUP BY e.member_id HAVING COUNT(*) > ?)',
      params: ['pay.paid', 1],
    });
    expect(compileRule({ kind: 'event', eventType: 'pay.paid', count: { op: 'exactly', n: 0 } }, ctx).sql).toContain('m.id NOT IN (SELECT e.member_id FROM event e WHERE e.type = ? AND e.member_id IS NOT NULL GROUP BY e.member_id HAVING COUNT(*) <> ?)');
    expect(compileRule({ kind: 'attribute', field: 'nickname', operator: 'contains', value: '50%_off' }, ctx).params).toEqual(['%50!%!_off%']);
    expect(compileRule({ kind: 'attribute', field: 'consentOa', operator: 'eq', value: true }, ctx)).toMatchObject({ sql: 'm.consent_oa = ?', params: [1] });
  });

  it('names the place in the tree of what is wrong', () => {
    const group = (r: unknown) => ({ kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'city', operator: 'isSet' }, r] });
    expect(fail(group({ kind: 'attribute', field: 'shoe', operator: 'eq', value: 1 }))).toMatchObject({ path: 'rule.rules[1].field' });
    expect(fail(group({ kind: 'attribute', field: 'points', operator: 'contains', value: '1' })).message).toContain('contains does not apply to number field points');
    expect(fail(group({ kind: 'attribute', field: 'points', operator: 'gt', value: '10' }))).toMatchObject({ path: 'rule.rules[1].value', message: 'rule.rules[1].value: must be a number' });
    expect(fail(group({ kind: 'attribute', field: 'lifecycleStage', operator: 'in', value: ['new', 'vip'] }))).toMatchObject({ path: 'rule.rules[1].value[1]' });
    expect(fail(group({ kind: 'tags', match: 'any', tagIds: [1, 99] }))).toMatchObject({ path: 'rule.rules[1].tagIds[1]' });
    expect(fail(group({ kind: 'event', eventType: 'shop.visit' }))).toMatchObject({ path: 'rule.rules[1].eventType' });
    expect(fail(group({ kind: 'event', eventType: 'pay.paid', did: false, count: { op: 'atLeast', n: 1 } }))).toMatchObject({ path: 'rule.rules[1].count' });
    expect(fail({ kind: 'group', op: 'xor', rules: [] })).toMatchObject({ path: 'rule.op' });
    expect(fail({ kind: 'group', op: 'and', rules: [] })).toMatchObject({ path: 'rule.rules' });
    expect(fail('city = 1')).toMatchObject({ path: 'rule' });
  });

  it('expands saved segments (a static one by its list) and refuses a segment that includes itself', () => {
    const withSegments: CompileContext = {
      ...ctx,
      segments: new Map<number, { type: 'dynamic' | 'static'; rule: unknown }>([
        [10, { type: 'dynamic', rule: { kind: 'attribute', field: 'city', operator: 'eq', value: '上海' } }],
        [11, { type: 'static', rule: null }],
        [12, { type: 'dynamic', rule: { kind: 'segment', segmentId: 13 } }],
        [13, { type: 'dynamic', rule: { kind: 'segment', segmentId: 12 } }],
      ]),
    };
    expect(compileRule({ kind: 'group', op: 'and', rules: [{ kind: 'segment', segmentId: 10 }, { kind: 'segment', segmentId: 11, not: true }] }, withSegments)).toMatchObject({
      sql: '(m.city = ?) AND (NOT (EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = ? AND sm.member_id = m.id)))',
      params: ['上海', 11],
    });
    expect(() => compileRule({ kind: 'segment', segmentId: 12 }, withSegments)).toThrow('would include itself');
    expect(() => compileRule({ kind: 'segment', segmentId: 99 }, withSegments)).toThrow('no segment 99');
  });

  it('compiles reachability and relations', () => {
    expect(compileRule({ kind: 'relation', relation: 'followsOa', appId: 'wx123' }, ctx).params).toEqual(['oa_openid', 'wx123']);
    expect(compileRule({ kind: 'relation', relation: 'addedByStaff', staffUserId: 'li_na', appId: 'ww1' }, ctx)).toMatchObject({ params: ['li_na', 'ww1'] });
    expect(fail({ kind: 'relation', relation: 'followsOa' })).toMatchObject({ path: 'rule.appId' });
    expect(fail({ kind: 'relation', relation: 'likes' })).toMatchObject({ path: 'rule.relation' });
  });

  it('reads event properties per dialect, with the JSON path as a parameter', () => {
    const rule = { kind: 'event', eventType: 'pay.paid', properties: [{ name: 'amount', operator: 'gte', value: 10000 }] };
    expect(compileRule(rule, { ...ctx, dialect: 'mysql' })).toMatchObject({
      sql: 'EXISTS (SELECT 1 FROM event e WHERE e.member_id = m.id AND e.type = ? AND CAST(JSON_VALUE(e.properties, ?) AS DECIMAL(30,6)) >= ?)',
      params: ['pay.paid', '$.amount', 10000],
    });
    expect(compileRule(rule, { ...ctx, dialect: 'sqlite' }).sql).toContain('CAST(json_extract(e.properties, ?) AS REAL) >= ?');
    expect(fail({ kind: 'event', eventType: 'pay.paid', properties: [{ name: "amount') OR 1=1 --", operator: 'eq', value: 1 }] })).toMatchObject({ path: 'rule.properties[0].name' });
    expect(fail({ kind: 'event', eventType: 'pay.paid', properties: [{ name: 'transactionId', operator: 'gt', value: 1 }] }).message).toContain('compares numbers');
    // custom events have no schema: the value's type decides
    expect(compileRule({ kind: 'event', eventType: 'custom.visit', properties: [{ name: 'minutes', operator: 'gt', value: 30 }] }, { ...ctx, dialect: 'sqlite' }).params).toEqual(['custom.visit', '$.minutes', 30]);
  });

  it('refuses trees too deep or too large', () => {
    let deep: unknown = { kind: 'attribute', field: 'city', operator: 'isSet' };
    for (let i = 0; i < 12; i++) deep = { kind: 'group', op: 'and', rules: [deep] };
    expect(fail(deep).message).toContain('nest at most');
    const wide = { kind: 'group', op: 'or', rules: Array.from({ length: 101 }, () => ({ kind: 'attribute', field: 'city', operator: 'isSet' })) };
    expect(fail(wide).message).toContain('at most 100 conditions');
  });
});

describe('countQuery', () => {
  it('counts from the rows of the table a rule reads when no member column is involved', () => {
    const rule = { kind: 'group', op: 'and', rules: [{ kind: 'tags', match: 'any', tagIds: [1] }, { kind: 'tags', match: 'none', tagIds: [2] }, { kind: 'attribute', field: 'attributes.shoe_size', operator: 'gt', value: 40 }] };
    expect(countQuery(compileRule(rule, ctx))).toEqual({
      sql: 'SELECT COUNT(*) AS n FROM (SELECT mt.member_id AS id FROM member_tag mt WHERE mt.tag_id IN (?)) m WHERE (NOT EXISTS (SELECT 1 FROM member_tag mt WHERE mt.member_id = m.id AND mt.tag_id IN (?))) AND (EXISTS (SELECT 1 FROM member_attribute a WHERE a.member_id = m.id AND a.attribute_id = ? AND a.value_number > ?))',
      params: [1, 2, 7, 40],
    });
    // several tags: each member once
    expect(countQuery(compileRule({ kind: 'tags', match: 'any', tagIds: [1, 3] }, ctx)).sql).toBe('SELECT COUNT(*) AS n FROM (SELECT DISTINCT mt.member_id AS id FROM member_tag mt WHERE mt.tag_id IN (?, ?)) m');
  });

  it('keeps the plain count when a member column is read, nothing can drive, or the driver is negated', () => {
    const plain = (rule: unknown) => countQuery(compileRule(rule, ctx)).sql.startsWith('SELECT COUNT(*) AS n FROM member m WHERE ');
    expect(plain({ kind: 'group', op: 'and', rules: [{ kind: 'tags', match: 'any', tagIds: [1] }, { kind: 'attribute', field: 'city', operator: 'eq', value: '上海' }] })).toBe(true);
    expect(plain({ kind: 'tags', match: 'any', tagIds: [1], not: true })).toBe(true);
    expect(plain({ kind: 'group', op: 'or', rules: [{ kind: 'tags', match: 'any', tagIds: [1] }, { kind: 'tags', match: 'any', tagIds: [2] }] })).toBe(true);
    expect(plain({ kind: 'tags', match: 'none', tagIds: [1] })).toBe(true);
  });
});
