import { toDbDatetime } from '../src/platform/time/time';
import { TestApp, bearer, startTestApp } from './harness';

/**
 * Previewing a segment rule on real data: counts checked against members made for the purpose,
 * on MariaDB and on the embedded SQLite (one compiler, two dialects).
 */
describe.each([
  ['MariaDB', 'mysql' as const],
  ['embedded SQLite', 'sqlite' as const],
])('segment preview (%s)', (_name, db) => {
  let t: TestApp;
  let owner: string;
  let staff: string;
  let vip: number;
  let lapsed: number;
  const ids: Record<string, number> = {};
  const h = () => t.http();
  const preview = async (rule: object, sampleSize?: number) => (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule, sampleSize }).expect(200)).body as { count: number; sample: { id: number }[] };
  const refused = async (rule: unknown) => (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule }).expect(400)).body;
  const daysAgo = (n: number) => toDbDatetime(new Date(Date.now() - n * 86_400_000));

  beforeAll(async () => {
    t = await startTestApp({ db });
    owner = await t.login();
    const store = (await h().post('/api/stores').set(bearer(owner)).send({ name: '门店', code: 'S1' }).expect(201)).body.id;
    await h().post('/api/users').set(bearer(owner)).send({ username: 's_staff', password: 'Passw0rd!x', displayName: 's', role: 'store_staff', storeIds: [store] }).expect(201);
    staff = await t.login('s_staff', 'Passw0rd!x');
    vip = (await h().post('/api/tags').set(bearer(owner)).send({ name: 'VIP' }).expect(201)).body.id;
    lapsed = (await h().post('/api/tags').set(bearer(owner)).send({ name: '沉睡' }).expect(201)).body.id;
    await h().post('/api/attribute-definitions').set(bearer(owner)).send({ key: 'annual_spend', label: '年消费', type: 'number' }).expect(201);
    const make = async (name: string, body: object, tagIds: number[] = []) => {
      ids[name] = (await h().post('/api/members').set(bearer(owner)).send({ nickname: name, ...body }).expect(201)).body.id;
      if (tagIds.length) await h().post(`/api/members/${ids[name]}/tags`).set(bearer(owner)).send({ tagIds }).expect(200);
    };
    await make('alice', { city: '上海', points: 120, attributes: { annual_spend: 5200 } }, [vip]);
    await make('bob', { city: '上海', points: 30, attributes: { annual_spend: 800 } }, [vip, lapsed]);
    await make('carol', { city: '北京', points: 300 }, [vip]);
    await make('dave', { city: '上海', points: 0 }, [lapsed]);
    await make('erin', { points: 50, lifecycleStage: 'loyal' });
    const event = (member: string, type: string, days: number, n: number) =>
      t.ds.query('INSERT INTO event (type, source, dedupe_key, occurred_at, properties, member_id, status) VALUES (?, ?, ?, ?, ?, ?, ?)', [type, 'test', `seg:${member}:${type}:${days}:${n}`, daysAgo(days), '{}', ids[member], 'resolved']);
    await event('alice', 'pay.paid', 5, 1);
    await event('alice', 'pay.paid', 10, 2);
    await event('bob', 'pay.paid', 90, 1);
    await event('carol', 'pay.paid', 20, 1);
    await event('dave', 'custom.coupon_redeemed', 3, 1);
  });
  afterAll(() => t.close());

  it('counts attribute, tag and behaviour clauses and samples the newest matches', async () => {
    const shanghaiVip = await preview({ kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'city', operator: 'eq', value: '上海' }, { kind: 'tags', match: 'any', tagIds: [vip] }] });
    expect(shanghaiVip.count).toBe(2);
    expect(shanghaiVip.sample.map((m) => m.id)).toEqual([ids.bob, ids.alice]);

    // "in Shanghai, VIP, but has not bought in 60 days"
    expect((await preview({ kind: 'group', op: 'and', rules: [
      { kind: 'attribute', field: 'city', operator: 'eq', value: '上海' },
      { kind: 'tags', match: 'all', tagIds: [vip] },
      { kind: 'event', eventType: 'pay.paid', did: false, lastDays: 60 },
    ] })).sample.map((m) => m.id)).toEqual([ids.bob]);

    expect((await preview({ kind: 'event', eventType: 'pay.paid', count: { op: 'atLeast', n: 2 }, lastDays: 30 })).sample.map((m) => m.id)).toEqual([ids.alice]);
    // counts that hold for zero keep the members who never did it; an event not linked to a member yet changes nothing
    await t.ds.query('INSERT INTO event (type, source, dedupe_key, occurred_at, properties, member_id, status) VALUES (?, ?, ?, ?, ?, ?, ?)', ['pay.paid', 'test', 'seg:unresolved', daysAgo(1), '{}', null, 'received']);
    const paid30 = async (op: string, n: number) => (await preview({ kind: 'event', eventType: 'pay.paid', count: { op, n }, lastDays: 30 })).sample.map((m) => m.id);
    expect(await paid30('atMost', 1)).toEqual([ids.erin, ids.dave, ids.carol, ids.bob]);
    expect(await paid30('exactly', 1)).toEqual([ids.carol]);
    expect(await paid30('exactly', 0)).toEqual([ids.erin, ids.dave, ids.bob]);
    expect(await paid30('atLeast', 0)).toHaveLength(5);
    expect((await preview({ kind: 'group', op: 'and', not: true, rules: [{ kind: 'event', eventType: 'pay.paid', count: { op: 'atLeast', n: 2 }, lastDays: 30 }] })).count).toBe(4);
    expect((await preview({ kind: 'event', eventType: 'pay.paid' })).count).toBe(3);
    expect((await preview({ kind: 'event', eventType: 'custom.coupon_redeemed', lastDays: 7 })).sample.map((m) => m.id)).toEqual([ids.dave]);
    expect((await preview({ kind: 'tags', match: 'none', tagIds: [vip, lapsed] })).sample.map((m) => m.id)).toEqual([ids.erin]);
    expect((await preview({ kind: 'tags', match: 'all', tagIds: [vip, lapsed] })).sample.map((m) => m.id)).toEqual([ids.bob]);
  });

  it('filters behaviour by event properties (JSON) on both databases', async () => {
    const paid = (member: string, key: string, props: object) =>
      t.ds.query('INSERT INTO event (type, source, dedupe_key, occurred_at, properties, member_id, status) VALUES (?, ?, ?, ?, ?, ?, ?)', ['pay.paid', 'test', `seg:prop:${key}`, daysAgo(2), JSON.stringify(props), ids[member], 'resolved']);
    await paid('erin', 'e1', { amount: 19900, outTradeNo: 'SO-1001' });
    await paid('dave', 'd1', { amount: 5000, outTradeNo: 'SO-1002' });
    const big = await preview({ kind: 'event', eventType: 'pay.paid', lastDays: 7, properties: [{ name: 'amount', operator: 'gte', value: 10000 }] });
    expect(big.sample.map((m) => m.id)).toEqual([ids.erin]);
    expect((await preview({ kind: 'event', eventType: 'pay.paid', properties: [{ name: 'outTradeNo', operator: 'in', value: ['SO-1001', 'SO-1002'] }] })).count).toBe(2);
    expect((await preview({ kind: 'event', eventType: 'pay.paid', properties: [{ name: 'outTradeNo', operator: 'contains', value: '1002' }] })).sample.map((m) => m.id)).toEqual([ids.dave]);
    expect((await preview({ kind: 'event', eventType: 'pay.paid', properties: [{ name: 'amount', operator: 'neq', value: 5000 }, { name: 'amount', operator: 'lt', value: 20000 }] })).sample.map((m) => m.id)).toEqual([ids.erin]);
    expect((await refused({ kind: 'event', eventType: 'pay.paid', properties: [{ name: 'colour', operator: 'eq', value: 'red' }] })).details[0].field).toBe('rule.properties[0].name');
    expect((await refused({ kind: 'event', eventType: 'pay.paid', properties: [{ name: 'amount', operator: 'gt', value: 'lots' }] })).details[0].field).toBe('rule.properties[0].value');
    await t.ds.query("DELETE FROM event WHERE dedupe_key LIKE 'seg:prop:%'");
  });

  it('handles numbers, custom attributes, empty values, NOT and OR', async () => {
    expect((await preview({ kind: 'attribute', field: 'points', operator: 'between', value: [30, 120] })).count).toBe(3);
    expect((await preview({ kind: 'attribute', field: 'attributes.annual_spend', operator: 'gte', value: 1000 })).sample.map((m) => m.id)).toEqual([ids.alice]);
    expect((await preview({ kind: 'attribute', field: 'attributes.annual_spend', operator: 'isEmpty' })).count).toBe(3);
    expect((await preview({ kind: 'attribute', field: 'city', operator: 'isEmpty' })).sample.map((m) => m.id)).toEqual([ids.erin]);
    expect((await preview({ kind: 'attribute', field: 'city', operator: 'neq', value: '上海' })).sample.map((m) => m.id)).toEqual([ids.erin, ids.carol]);
    expect((await preview({ kind: 'group', op: 'or', not: true, rules: [{ kind: 'attribute', field: 'city', operator: 'eq', value: '上海' }, { kind: 'attribute', field: 'lifecycleStage', operator: 'in', value: ['loyal'] }] })).sample.map((m) => m.id)).toEqual([ids.carol]);
    expect((await preview({ kind: 'attribute', field: 'nickname', operator: 'startsWith', value: 'a' })).sample.map((m) => m.id)).toEqual([ids.alice]);
    expect((await preview({ kind: 'attribute', field: 'createdAt', operator: 'inLastDays', value: 1 })).count).toBe(5);
    expect((await preview({ kind: 'attribute', field: 'city', operator: 'isSet' }, 0)).sample).toEqual([]);
  });

  it('answers a wrong rule with a 400 naming the place in the tree, and refuses store roles', async () => {
    const unknown = await refused({ kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'city', operator: 'isSet' }, { kind: 'attribute', field: 'shoe_size', operator: 'eq', value: 40 }] });
    expect(unknown.details).toEqual([{ field: 'rule.rules[1].field', message: 'unknown field shoe_size' }]);
    expect((await refused({ kind: 'attribute', field: 'points', operator: 'gt', value: 'many' })).details).toEqual([{ field: 'rule.value', message: 'must be a number' }]);
    expect((await refused({ kind: 'tags', match: 'any', tagIds: [999999] })).details[0].field).toBe('rule.tagIds[0]');
    expect((await refused({ kind: 'event', eventType: 'shop.visit' })).details[0].field).toBe('rule.eventType');
    await h().post('/api/segments/preview').set(bearer(owner)).send({ rule: 'city = 上海' }).expect(400);
    await h().post('/api/segments/preview').set(bearer(staff)).send({ rule: { kind: 'attribute', field: 'city', operator: 'isSet' } }).expect(403);
    const fields = (await h().get('/api/segments/fields').set(bearer(owner)).expect(200)).body as { field: string; operators: string[] }[];
    expect(fields.find((f) => f.field === 'attributes.annual_spend')?.operators).toContain('between');
  });
});

describe('saved segments (MariaDB)', () => {
  let t: TestApp;
  let owner: string;
  let operatorToken: string;
  const ids: number[] = [];
  const h = () => t.http();
  const shanghai = { kind: 'attribute', field: 'city', operator: 'eq', value: '上海' };

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    await h().post('/api/users').set(bearer(owner)).send({ username: 'seg_op', password: 'Passw0rd!x', displayName: 'op', role: 'operator', storeIds: [] }).expect(201);
    operatorToken = await t.login('seg_op', 'Passw0rd!x');
    for (const [i, city] of ['上海', '上海', '北京', '上海', '广州'].entries()) {
      ids.push((await h().post('/api/members').set(bearer(owner)).send({ nickname: `m${i}`, city }).expect(201)).body.id);
    }
  });
  afterAll(() => t.close());

  it('a dynamic segment follows its rule: counted on save, its members paged, its trend growing', async () => {
    const seg = (await h().post('/api/segments').set(bearer(operatorToken)).send({ name: '上海会员', type: 'dynamic', rule: shanghai }).expect(201)).body;
    expect(seg).toMatchObject({ type: 'dynamic', count: 3, rule: shanghai });
    expect(seg.trend).toHaveLength(1);
    const p1 = (await h().get(`/api/segments/${seg.id}/members?limit=2`).set(bearer(owner)).expect(200)).body;
    expect(p1.items.map((m: { id: number }) => m.id)).toEqual([ids[3], ids[1]]);
    const p2 = (await h().get(`/api/segments/${seg.id}/members?limit=2&cursor=${p1.nextCursor}`).set(bearer(owner)).expect(200)).body;
    expect(p2).toMatchObject({ nextCursor: null });
    expect(p2.items.map((m: { id: number }) => m.id)).toEqual([ids[0]]);

    await h().patch(`/api/members/${ids[2]}`).set(bearer(owner)).send({ city: '上海' }).expect(200);
    const recount = (await h().post(`/api/segments/${seg.id}/count`).set(bearer(owner)).expect(200)).body;
    expect(recount.count).toBe(4);
    expect(recount.trend.map((p: { count: number }) => p.count)).toEqual([3, 4]);

    const renamed = (await h().patch(`/api/segments/${seg.id}`).set(bearer(owner)).send({ name: '上海老客', rule: { kind: 'group', op: 'and', rules: [shanghai, { kind: 'attribute', field: 'nickname', operator: 'startsWith', value: 'm0' }] } }).expect(200)).body;
    expect(renamed).toMatchObject({ name: '上海老客', count: 1 });
    expect((await h().get('/api/segments').set(bearer(owner)).expect(200)).body.map((s: { name: string }) => s.name)).toContain('上海老客');
  });

  it('a static segment keeps the members it was given, from a snapshot or a list', async () => {
    const snap = (await h().post('/api/segments').set(bearer(owner)).send({ name: '上海快照', type: 'static', rule: shanghai }).expect(201)).body;
    expect(snap.count).toBe(4);
    await h().patch(`/api/members/${ids[0]}`).set(bearer(owner)).send({ city: '杭州' }).expect(200);
    expect((await h().post(`/api/segments/${snap.id}/count`).set(bearer(owner)).expect(200)).body.count).toBe(4);
    const list = (await h().post('/api/segments').set(bearer(owner)).send({ name: '名单', type: 'static', memberIds: [ids[4], ids[4], ids[1]] }).expect(201)).body;
    expect(list.count).toBe(2);
    expect((await h().get(`/api/segments/${list.id}/members`).set(bearer(owner)).expect(200)).body.items.map((m: { id: number }) => m.id)).toEqual([ids[4], ids[1]]);
    await h().patch(`/api/segments/${list.id}`).set(bearer(owner)).send({ rule: shanghai }).expect(400);
    await h().delete(`/api/segments/${list.id}`).set(bearer(owner)).expect(204);
    await h().get(`/api/segments/${list.id}`).set(bearer(owner)).expect(404);
  });

  it('rules can use other segments and reachability; a segment in use cannot be deleted', async () => {
    const shanghaiSeg = (await h().get('/api/segments').set(bearer(owner)).expect(200)).body.find((x: { name: string }) => x.name === '上海快照');
    const follower = (await h().post('/api/members').set(bearer(owner)).send({ nickname: 'fan', city: '上海', identities: [{ type: 'oa_openid', appId: 'wxSegOa000001', value: 'oSegFan000001' }] }).expect(201)).body.id;
    const res = (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule: { kind: 'group', op: 'and', rules: [
      { kind: 'attribute', field: 'city', operator: 'eq', value: '上海' },
      { kind: 'segment', segmentId: shanghaiSeg.id, not: true },
    ] } }).expect(200)).body;
    expect(res.sample.map((m: { id: number }) => m.id)).toEqual([follower]);
    const fans = (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule: { kind: 'relation', relation: 'followsOa', appId: 'wxSegOa000001' } }).expect(200)).body;
    expect(fans.sample.map((m: { id: number }) => m.id)).toEqual([follower]);
    // served by any WeCom staff member of a store: the staff's department is mapped to the store
    const store = (await h().post('/api/stores').set(bearer(owner)).send({ name: '关系门店', code: 'REL1' }).expect(201)).body.id;
    const now = toDbDatetime(new Date());
    await t.ds.query('INSERT INTO wecom_department (account_id, dept_id, parent_id, name, store_id, synced_at) VALUES (?, ?, ?, ?, ?, ?)', [77, 5, 1, '关系门店', store, now]);
    await t.ds.query('INSERT INTO wecom_staff (account_id, userid, name, department_ids, leader_department_ids, status, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [77, 'rel_staff', '店员', '[3,5]', '[]', 1, now]);
    await t.ds.query('INSERT INTO wecom_contact_follow (account_id, external_user_id, staff_user_id, member_id) VALUES (?, ?, ?, ?)', [77, 'wmRel0001', 'rel_staff', follower]);
    const ofStore = (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule: { kind: 'relation', relation: 'servedByStore', storeId: store } }).expect(200)).body;
    expect(ofStore.sample.map((m: { id: number }) => m.id)).toEqual([follower]);
    expect((await h().post('/api/segments/preview').set(bearer(owner)).send({ rule: { kind: 'relation', relation: 'servedByStore', storeId: store, not: true } }).expect(200)).body.sample.map((m: { id: number }) => m.id)).not.toContain(follower);
    await h().patch(`/api/members/${follower}`).set(bearer(owner)).send({ consent: { sms: true } }).expect(200);
    const consented = (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule: { kind: 'relation', relation: 'consented', channel: 'sms' } }).expect(200)).body;
    expect(consented.sample.map((m: { id: number }) => m.id)).toEqual([follower]);

    const outer = (await h().post('/api/segments').set(bearer(owner)).send({ name: '不在快照里', type: 'dynamic', rule: { kind: 'segment', segmentId: shanghaiSeg.id, not: true } }).expect(201)).body;
    expect(outer.count).toBe(2);
    const conflict = (await h().delete(`/api/segments/${shanghaiSeg.id}`).set(bearer(owner)).expect(409)).body;
    expect(conflict.message).toContain('不在快照里');
    const self = (await h().patch(`/api/segments/${outer.id}`).set(bearer(owner)).send({ rule: { kind: 'segment', segmentId: outer.id } }).expect(400)).body;
    expect(self.message).toContain('would include itself');
    await h().delete(`/api/segments/${outer.id}`).set(bearer(owner)).expect(204);
    await h().delete(`/api/segments/${shanghaiSeg.id}`).set(bearer(owner)).expect(204);
  });

  it('refuses what makes no sense', async () => {
    await h().post('/api/segments').set(bearer(owner)).send({ name: 'x', type: 'dynamic' }).expect(400);
    await h().post('/api/segments').set(bearer(owner)).send({ name: 'x', type: 'static' }).expect(400);
    await h().post('/api/segments').set(bearer(owner)).send({ name: 'x', type: 'static', memberIds: [999999] }).expect(400);
    const bad = (await h().post('/api/segments').set(bearer(owner)).send({ name: 'x', type: 'dynamic', rule: { kind: 'attribute', field: 'points', operator: 'gt', value: 'a' } }).expect(400)).body;
    expect(bad.details).toEqual([{ field: 'rule.value', message: 'must be a number' }]);
    expect((await h().post('/api/segments').set(bearer(owner)).send({ name: '上海老客', type: 'dynamic', rule: shanghai }).expect(409)).body.message).toContain('already exists');
    await h().get('/api/segments/999999/members').set(bearer(owner)).expect(404);
    await h().get('/api/segments/1/members?cursor=abc').set(bearer(owner)).expect(400);
  });
});
