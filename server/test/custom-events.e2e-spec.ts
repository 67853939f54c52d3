import { TestApp, bearer, eventually, startTestApp } from './harness';

describe('custom events with API keys (MariaDB)', () => {
  let t: TestApp;
  let owner: string;
  let key: string;
  let keyId: number;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    const created = (await t.http().post('/api/api-keys').set(bearer(owner)).send({ name: 'POS system' }).expect(201)).body;
    key = created.key;
    keyId = created.id;
  });
  afterAll(() => t.close());

  it('shows a key once; lists only its prefix; only the owner creates keys', async () => {
    expect(key).toMatch(/^sk_[A-Za-z0-9_-]{32}$/);
    const list = (await t.http().get('/api/api-keys').set(bearer(owner)).expect(200)).body;
    expect(list[0]).toMatchObject({ name: 'POS system', prefix: key.slice(0, 10), revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(key);
    await t.http().post('/api/users').set(bearer(owner)).send({ username: 'op2', password: 'Passw0rd!x', displayName: 'op', role: 'operator', storeIds: [] }).expect(201);
    await t.http().post('/api/api-keys').set(bearer(await t.login('op2', 'Passw0rd!x'))).send({ name: 'x' }).expect(403);
  });

  it('stores a single event for a known member and a batch whose subjects become members', async () => {
    const m = (await t.http().post('/api/members').set(bearer(owner)).send({ nickname: '到店会员' }).expect(201)).body;
    const one = await t.http().post('/api/events').set('X-Api-Key', key).send({ type: 'custom.store_visit', memberId: m.id, properties: { store: 'SH01' } }).expect(202);
    expect(one.body).toMatchObject({ accepted: 1, duplicates: 0 });
    const timeline = (await t.http().get(`/api/members/${m.id}/events`).set(bearer(owner)).expect(200)).body.items;
    expect(timeline[0]).toMatchObject({ type: 'custom.store_visit', source: 'api', properties: { store: 'SH01' } });

    const batch = await t.http().post('/api/events').set(bearer(key)).send({
      events: [
        { type: 'custom.order_paid', subject: { type: 'unionid', value: 'oUnionCustom001' }, properties: { amount: 19900 }, dedupeId: 'order-1001', occurredAt: '2026-11-20T10:00:00Z' },
        { type: 'custom.order_paid', subject: { type: 'unionid', value: 'oUnionCustom001' }, properties: { amount: 5900 }, dedupeId: 'order-1002' },
      ],
    }).expect(202);
    expect(batch.body).toMatchObject({ accepted: 2, duplicates: 0 });
    const member = await eventually(async () => {
      const p = (await t.http().get('/api/members?q=oUnionCustom001').set(bearer(owner)).expect(200)).body;
      return p.total === 1 ? p.items[0] : null;
    });
    expect(member.sourceChannel).toBe('api');
    await eventually(async () => (await t.http().get(`/api/members/${member.id}/events`).set(bearer(owner)).expect(200)).body.items.length === 2);
  });

  it('the same dedupeId is stored once (safe retries)', async () => {
    const again = await t.http().post('/api/events').set(bearer(key)).send({ type: 'custom.order_paid', subject: { type: 'unionid', value: 'oUnionCustom001' }, dedupeId: 'order-1001' }).expect(202);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('a bad item rejects the whole batch and stores nothing', async () => {
    const before = await t.ds.query('SELECT COUNT(*) AS n FROM event');
    const res = await t.http().post('/api/events').set(bearer(key)).send({
      events: [
        { type: 'custom.ok', subject: { type: 'unionid', value: 'oU_x' } },
        { type: 'OA.subscribe', subject: { type: 'unionid', value: 'oU_y' } },
        { type: 'custom.ok', memberId: 99999999 },
        { type: 'custom.ok', subject: { type: 'mp_openid', value: 'o1' } },
      ],
    }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['events.1.type']));
    const res2 = await t.http().post('/api/events').set(bearer(key)).send({ events: [{ type: 'custom.ok', memberId: 99999999 }, { type: 'custom.ok', subject: { type: 'mp_openid', value: 'o1' } }] }).expect(400);
    expect(res2.body.details.map((d: { field: string }) => d.field)).toEqual(['events.0.memberId', 'events.1.subject.appId']);
    await t.http().post('/api/events').set(bearer(key)).send({ events: Array.from({ length: 1001 }, () => ({ type: 'custom.x', memberId: 1 })) }).expect(400);
    await t.http().post('/api/events').set(bearer(key)).send([]).expect(400);
    const after = await t.ds.query('SELECT COUNT(*) AS n FROM event');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it('refuses admin tokens, missing keys and revoked keys', async () => {
    await t.http().post('/api/events').set(bearer(owner)).send({ type: 'custom.x', memberId: 1 }).expect(401);
    await t.http().post('/api/events').send({ type: 'custom.x', memberId: 1 }).expect(401);
    await t.http().delete(`/api/api-keys/${keyId}`).set(bearer(owner)).expect(204);
    const res = await t.http().post('/api/events').set(bearer(key)).send({ type: 'custom.x', memberId: 1 }).expect(401);
    expect(res.body.message).toBe('API key is invalid or revoked');
    const log = (await t.http().get('/api/audit-logs?entityType=api_key').set(bearer(owner)).expect(200)).body.items;
    expect(log.map((l: { action: string }) => l.action)).toEqual(['api_key.revoke', 'api_key.create']);
  });
});
