import { TestApp, bearer, eventually, startTestApp } from './harness';

const CORP = 'ww3c4d5e6f7a8b9c0d';

interface Relation { staffUserId: string; staffName: string | null; storeIds: number[]; state: string | null; addWay: number | null; active: boolean; first: boolean; removedBy: string | null; addedAt: string | null }

/** WeCom customers imported as members, and who serves them kept current by the customer-contact pushes. */
describe('WeCom customers and the staff who serve them (MariaDB)', () => {
  let t: TestApp;
  let owner: string;
  let operator: string;
  let storeStaff: string;
  let accountId: number;
  let shStore: number;
  let knownMember: number;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    const h = () => t.http();
    accountId = (await h().post('/api/channels').set(bearer(owner)).send({ type: 'wecom', name: '企业微信', corpId: CORP, agentId: 1000002, secret: 'wecom-secret-abcdef', token: 'wecomToken1', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }).expect(201)).body.id;
    shStore = (await h().post('/api/stores').set(bearer(owner)).send({ name: '上海南京西路店', code: 'SH01' }).expect(201)).body.id;
    await h().post('/api/users').set(bearer(owner)).send({ username: 'ops', password: 'Passw0rd!x', displayName: '运营', role: 'operator', storeIds: [] }).expect(201);
    await h().post('/api/users').set(bearer(owner)).send({ username: 'clerk', password: 'Passw0rd!x', displayName: '店员', role: 'store_staff', storeIds: [shStore] }).expect(201);
    operator = await t.login('ops', 'Passw0rd!x');
    storeStaff = await t.login('clerk', 'Passw0rd!x');
    // someone already a member through the mini-program, known by their unionid
    knownMember = (await h().post('/api/members').set(bearer(owner)).send({ nickname: '老会员', storeId: shStore, identities: [{ type: 'unionid', value: 'oUknownPerson0001' }] }).expect(201)).body.id;
    const customer = (body: object) => h().post('/sandbox/wecom/customers').send({ corpId: CORP, ...body }).expect(200);
    await customer({ userId: 'li_na', externalUserId: 'wmImport0001', unionid: 'oUknownPerson0001', name: '张女士', state: 'store_SH01', createTime: 1767225600 });
    await customer({ userId: 'li_na', externalUserId: 'wmImport0002', name: '刘先生', createTime: 1767312000 });
    await customer({ userId: 'wang_fang', externalUserId: 'wmImport0002', createTime: 1767398400, addWay: 202 });
    await customer({ userId: 'liu_yang', externalUserId: 'wmImport0003', name: '陈女士', createTime: 1767484800 });
    await runSync('org');
  });
  afterAll(() => t.close());

  async function runSync(kind: 'org' | 'contacts') {
    const started = await t.http().post(`/api/wecom/accounts/${accountId}/sync/${kind}`).set(bearer(operator)).expect(202);
    return eventually(async () => {
      const r = (await t.http().get(`/api/wecom/sync-runs/${started.body.run.id}`).set(bearer(operator)).expect(200)).body;
      return r.status === 'done' || r.status === 'failed' ? r : null;
    });
  }
  const memberOf = async (externalUserId: string) => {
    const page = (await t.http().get(`/api/members?q=${externalUserId}`).set(bearer(owner)).expect(200)).body;
    expect(page.total).toBe(1);
    return page.items[0] as { id: number; nickname: string | null };
  };
  const relations = async (memberId: number, token = owner) => (await t.http().get(`/api/members/${memberId}/wecom-staff`).set(bearer(token)).expect(200)).body as Relation[];
  const memberCount = async () => (await t.http().get('/api/members').set(bearer(owner)).expect(200)).body.total as number;

  it('imports every customer of every staff member as a member, joining a known person by unionid', async () => {
    const run = await runSync('contacts');
    expect(run).toMatchObject({ kind: 'contacts', status: 'done', total: 3, processed: 3, created: 2, updated: 1, failed: 0, errors: [] });
    expect((await memberOf('wmImport0001')).id).toBe(knownMember);
    expect(await memberCount()).toBe(3);
    const liu = await memberOf('wmImport0002');
    expect(liu.nickname).toBe('刘先生');
    const detail = (await t.http().get(`/api/members/${liu.id}`).set(bearer(owner)).expect(200)).body;
    expect(detail.consent.wecom).toBe(true);
    expect(detail.sourceChannel).toBe('wecom');
    expect(detail.identities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'wecom_external_userid', appId: CORP, value: 'wmImport0002' }), expect.objectContaining({ type: 'unionid' })]));
    expect((await t.http().get(`/api/members/${knownMember}`).set(bearer(owner)).expect(200)).body.consent.wecom).toBe(true);
  });

  it('shows who serves a member, with names from the org sync, stores and the first adder', async () => {
    const liu = await memberOf('wmImport0002');
    const rel = await relations(liu.id);
    expect(rel.map((r) => [r.staffUserId, r.staffName, r.active, r.first, r.addWay])).toEqual([
      ['li_na', '李娜', true, true, 0],
      ['wang_fang', '王芳', true, false, 202],
    ]);
    expect(rel[0].addedAt).toBe(new Date(1767312000 * 1000).toISOString());
    expect((await relations(knownMember))[0]).toMatchObject({ staffUserId: 'li_na', state: 'store_SH01' });
  });

  it('running the import again lands on the same members and changes nothing', async () => {
    const before = await Promise.all(['wmImport0001', 'wmImport0002', 'wmImport0003'].map(memberOf));
    const run = await runSync('contacts');
    expect(run).toMatchObject({ status: 'done', created: 0, updated: 3, removed: 0, failed: 0 });
    expect(await Promise.all(['wmImport0001', 'wmImport0002', 'wmImport0003'].map(memberOf))).toEqual(before);
    expect(await memberCount()).toBe(3);
    expect(await relations(before[1].id)).toHaveLength(2);
  });

  it('pushes keep the relations current: a new staff member, then the customer deleting one', async () => {
    const chen = await memberOf('wmImport0003');
    await t.http().post('/sandbox/wecom/emit').send({ corpId: CORP, kind: 'add_contact', userId: 'chen_jing', externalUserId: 'wmImport0003', state: 'poster_0301' }).expect(200);
    await eventually(async () => (await relations(chen.id)).length === 2);
    await t.http().post('/sandbox/wecom/emit').send({ corpId: CORP, kind: 'del_follow_user', userId: 'liu_yang', externalUserId: 'wmImport0003' }).expect(200);
    await eventually(async () => (await relations(chen.id)).some((r) => !r.active));
    const rel = await relations(chen.id);
    expect(rel.map((r) => [r.staffUserId, r.active, r.removedBy, r.first])).toEqual([
      ['liu_yang', false, 'customer_deleted', true],
      ['chen_jing', true, null, false],
    ]);
    expect(rel[1].state).toBe('poster_0301');
    // the next import agrees with the pushes
    expect(await runSync('contacts')).toMatchObject({ status: 'done', created: 0, failed: 0 });
    expect((await relations(chen.id)).map((r) => [r.staffUserId, r.active])).toEqual([['liu_yang', false], ['chen_jing', true]]);
  });

  it('a new customer arriving by push becomes a member with their staff relation', async () => {
    await t.http().post('/sandbox/wecom/emit').send({ corpId: CORP, kind: 'add_contact', userId: 'wang_fang', externalUserId: 'wmPushOnly0001' }).expect(200);
    const m = await eventually(async () => {
      const page = (await t.http().get('/api/members?q=wmPushOnly0001').set(bearer(owner)).expect(200)).body;
      return page.total === 1 ? page.items[0] : null;
    });
    await eventually(async () => (await relations(m.id)).length === 1);
    expect((await relations(m.id))[0]).toMatchObject({ staffUserId: 'wang_fang', staffName: '王芳', active: true, first: true });
  });

  it('a customer WeCom will not describe is a per-customer error; the rest import', async () => {
    await t.http().post('/sandbox/faults').send({ api: '/qyapi/cgi-bin/externalcontact/get', errcode: 40096, errmsg: 'invalid external userid', times: 1 }).expect(200);
    const run = await runSync('contacts');
    expect(run).toMatchObject({ status: 'done', failed: 1, errors: [{ ref: 'wmImport0001', message: expect.stringContaining('40096') }] });
    expect(run.updated).toBe(3);
    expect((await relations(knownMember))[0].active).toBe(true);
  });

  it('store roles see the staff of their own stores’ members only; starting an import is for owners and operators', async () => {
    expect((await relations(knownMember, storeStaff)).length).toBe(1);
    const other = await memberOf('wmImport0002');
    await t.http().get(`/api/members/${other.id}/wecom-staff`).set(bearer(storeStaff)).expect(404);
    await t.http().get('/api/members/999999/wecom-staff').set(bearer(owner)).expect(404);
    await t.http().post(`/api/wecom/accounts/${accountId}/sync/contacts`).set(bearer(storeStaff)).expect(403);
    await t.http().get(`/api/members/${knownMember}/wecom-staff`).expect(401);
  });

  it('a known customer whose unionid another record holds is merged with it on the next import', async () => {
    const before = await memberOf('wmImport0003');
    // the same person reached us through the mini-program first, known by unionid only
    const other = (await t.http().post('/api/members').set(bearer(owner)).send({ nickname: '小程序会员', identities: [{ type: 'unionid', value: 'oUlaterJoined001' }] }).expect(201)).body.id;
    await t.http().post('/sandbox/wecom/customers').send({ corpId: CORP, userId: 'liu_yang', externalUserId: 'wmImport0003', unionid: 'oUlaterJoined001', createTime: 1767484800 }).expect(200);
    await runSync('contacts');
    // the older record stays and takes the unionid; the newer one answers 404 naming where it went
    const detail = (await t.http().get(`/api/members/${before.id}`).set(bearer(owner)).expect(200)).body;
    expect(detail.identities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'unionid', value: 'oUlaterJoined001' })]));
    await t.http().get(`/api/members/${other}`).set(bearer(owner)).expect(404);
    expect((await t.http().get(`/api/members/${before.id}/merges`).set(bearer(owner)).expect(200)).body).toEqual([expect.objectContaining({ reason: 'unionid' })]);
  });

  it('segments on the staff who serve a member: one staff member, or any staff of a store', async () => {
    const count = async (rule: object) => (await t.http().post('/api/segments/preview').set(bearer(owner)).send({ rule, sampleSize: 50 }).expect(200)).body as { count: number; sample: { id: number }[] };
    const ids = async (rule: object) => (await count(rule)).sample.map((m) => m.id).sort((a, b) => a - b);
    const served = (await Promise.all(['wmImport0001', 'wmImport0002'].map(memberOf))).map((m) => m.id).sort((a, b) => a - b);
    expect(await ids({ kind: 'relation', relation: 'addedByStaff', staffUserId: 'li_na', appId: CORP })).toEqual(served);
    // expected from the member pages' own account of who serves them and in which stores
    const all = (await t.http().get('/api/members?limit=100').set(bearer(owner)).expect(200)).body.items as { id: number }[];
    const expected: number[] = [];
    for (const m of all) if ((await relations(m.id)).some((r) => r.active && r.storeIds.includes(shStore))) expected.push(m.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(await ids({ kind: 'relation', relation: 'servedByStore', storeId: shStore })).toEqual(expected.sort((a, b) => a - b));
    expect((await count({ kind: 'relation', relation: 'servedByStore', storeId: 99999 })).count).toBe(0);
    await t.http().post('/api/segments/preview').set(bearer(owner)).send({ rule: { kind: 'relation', relation: 'servedByStore', storeId: 'SH01' } }).expect(400);
  });
});
