import { TestApp, bearer, eventually, startTestApp } from './harness';

const CORP = 'ww2b3c4d5e6f7a8b9c';

interface Dept { id: number; deptId: number; name: string; storeId: number | null; storeName: string | null; storeMappedBy: string | null; staffCount: number; removedAt: string | null }
interface Staff { id: number; userid: string; name: string; mobileMasked: string | null; departmentIds: number[]; leaderDepartmentIds: number[]; adminUserId: number | null; adminUsername: string | null; adminUserMappedBy: string | null; storeIds: number[]; removedAt: string | null }

/** WeCom departments and staff (the sandbox corp) synced into stores and admin accounts. */
describe('WeCom organisation sync and mapping (MariaDB)', () => {
  let t: TestApp;
  let owner: string;
  let operator: string;
  let manager: string;
  let accountId: number;
  let shStore: number;
  let bjStore: number;
  let liNaUser: number;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    const h = () => t.http();
    accountId = (await h().post('/api/channels').set(bearer(owner)).send({ type: 'wecom', name: '企业微信', corpId: CORP, agentId: 1000002, secret: 'wecom-secret-abcdef', token: 'wecomToken1', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }).expect(201)).body.id;
    shStore = (await h().post('/api/stores').set(bearer(owner)).send({ name: '上海南京西路店', code: 'SH01' }).expect(201)).body.id;
    bjStore = (await h().post('/api/stores').set(bearer(owner)).send({ name: '北京朝阳大悦城店', code: 'BJ02' }).expect(201)).body.id;
    liNaUser = (await h().post('/api/users').set(bearer(owner)).send({ username: 'li_na', password: 'Passw0rd!x', displayName: '李娜', role: 'store_manager', storeIds: [shStore] }).expect(201)).body.id;
    await h().post('/api/users').set(bearer(owner)).send({ username: 'ops', password: 'Passw0rd!x', displayName: '运营', role: 'operator', storeIds: [] }).expect(201);
    operator = await t.login('ops', 'Passw0rd!x');
    manager = await t.login('li_na', 'Passw0rd!x');
  });
  afterAll(() => t.close());

  const sync = async (token = operator) => {
    const started = await t.http().post(`/api/wecom/accounts/${accountId}/sync/org`).set(bearer(token)).expect(202);
    expect(started.body.run).toMatchObject({ kind: 'org', accountId });
    return eventually(async () => {
      const r = (await t.http().get(`/api/wecom/sync-runs/${started.body.run.id}`).set(bearer(operator)).expect(200)).body;
      return r.status === 'done' || r.status === 'failed' ? r : null;
    });
  };
  const departments = async () => (await t.http().get(`/api/wecom/accounts/${accountId}/departments`).set(bearer(operator)).expect(200)).body as Dept[];
  const staff = async (query = '') => (await t.http().get(`/api/wecom/accounts/${accountId}/staff${query}`).set(bearer(operator)).expect(200)).body as Staff[];
  const dept = async (deptId: number) => (await departments()).find((d) => d.deptId === deptId)!;
  const member = async (userid: string) => (await staff()).find((s) => s.userid === userid)!;

  it('imports the departments and staff, mapping a department to the store of the same name and a member to the user named after them', async () => {
    const run = await sync();
    expect(run).toMatchObject({ status: 'done', percent: 100, total: 8, processed: 8, created: 8, updated: 0, removed: 0, failed: 0, errors: [] });
    const depts = await departments();
    expect(depts.map((d) => [d.deptId, d.name, d.storeId, d.storeMappedBy, d.staffCount])).toEqual([
      [1, '总部', null, null, 1],
      [2, '上海南京西路店', shStore, 'auto', 2],
      [3, '北京三里屯店', null, null, 2],
    ]);
    const liNa = await member('li_na');
    expect(liNa).toMatchObject({ name: '李娜', departmentIds: [2], leaderDepartmentIds: [2], adminUserId: liNaUser, adminUsername: 'li_na', adminUserMappedBy: 'auto', storeIds: [shStore] });
    expect(liNa.mobileMasked).toBe('138****8002');
    expect((await staff('?departmentId=3')).map((s) => s.userid)).toEqual(['chen_jing', 'liu_yang']);
    expect((await staff('?mapped=true')).map((s) => s.userid)).toEqual(['li_na']);
    expect((await staff('?mapped=false&departmentId=2')).map((s) => s.userid)).toEqual(['wang_fang']);
    const audit = (await t.http().get('/api/audit-logs?entityType=wecom_staff').set(bearer(owner)).expect(200)).body.items;
    expect(audit.map((a: { action: string; after: { by: string } }) => [a.action, a.after.by])).toEqual([['wecom.staff.map_user', 'auto']]);
  });

  it('operators map a department to another store, or create a store from it; the audit log keeps each change', async () => {
    const bj = await dept(3);
    const mapped = (await t.http().patch(`/api/wecom/departments/${bj.id}`).set(bearer(operator)).send({ storeId: bjStore }).expect(200)).body;
    expect(mapped).toMatchObject({ storeId: bjStore, storeName: '北京朝阳大悦城店', storeMappedBy: 'manual' });
    const hq = await dept(1);
    const created = (await t.http().post(`/api/wecom/departments/${hq.id}/create-store`).set(bearer(operator)).expect(201)).body;
    expect(created).toMatchObject({ storeName: '总部', storeMappedBy: 'manual' });
    const stores = (await t.http().get('/api/stores').set(bearer(owner)).expect(200)).body as { id: number; name: string; code: string }[];
    expect(stores.find((s) => s.id === created.storeId)).toMatchObject({ name: '总部', code: `WC${accountId}-D1` });
    await t.http().post(`/api/wecom/departments/${hq.id}/create-store`).set(bearer(operator)).expect(409);
    const audit = (await t.http().get(`/api/audit-logs?entityType=wecom_department&entityId=${bj.id}`).set(bearer(owner)).expect(200)).body.items;
    expect(audit[0]).toMatchObject({ action: 'wecom.department.map_store', actorName: 'ops', before: { storeId: null }, after: { storeId: bjStore, by: 'manual' } });
  });

  it('refuses bad mappings with 4xx', async () => {
    const bj = await dept(3);
    expect((await t.http().patch(`/api/wecom/departments/${bj.id}`).set(bearer(operator)).send({ storeId: 999999 }).expect(400)).body.details).toEqual([{ field: 'storeId', message: 'no such store' }]);
    await t.http().patch(`/api/wecom/departments/${bj.id}`).set(bearer(operator)).send({ storeId: 'x' }).expect(400);
    await t.http().patch(`/api/wecom/departments/${bj.id}`).set(bearer(operator)).send({}).expect(400);
    await t.http().patch('/api/wecom/departments/999999').set(bearer(operator)).send({ storeId: null }).expect(404);
    const wang = await member('wang_fang');
    await t.http().patch(`/api/wecom/staff/${wang.id}`).set(bearer(operator)).send({ adminUserId: 999999 }).expect(400);
    expect((await t.http().patch(`/api/wecom/staff/${wang.id}`).set(bearer(operator)).send({ adminUserId: liNaUser }).expect(409)).body.message).toContain('already linked to WeCom member li_na');
    await t.http().post(`/api/wecom/staff/${wang.id}/create-account`).set(bearer(operator)).send({ role: 'owner' }).expect(400);
    await t.http().post('/api/wecom/accounts/999999/sync/org').set(bearer(operator)).expect(404);
    await t.http().get('/api/wecom/sync-runs/999999').set(bearer(operator)).expect(404);
  });

  it('creates a store account for a member in the stores of their departments; the password works once shown', async () => {
    const wang = await member('wang_fang');
    const res = (await t.http().post(`/api/wecom/staff/${wang.id}/create-account`).set(bearer(operator)).send({ role: 'store_staff' }).expect(201)).body;
    expect(res.account).toMatchObject({ username: 'wang_fang', displayName: '王芳', role: 'store_staff', storeIds: [shStore] });
    expect(res.staff).toMatchObject({ adminUserId: res.account.id, adminUserMappedBy: 'manual' });
    expect(res.initialPassword.length).toBeGreaterThanOrEqual(12);
    const token = await t.login('wang_fang', res.initialPassword);
    expect((await t.http().get('/api/stores').set(bearer(token)).expect(200)).body.map((s: { id: number }) => s.id)).toEqual([shStore]);
    await t.http().post(`/api/wecom/staff/${wang.id}/create-account`).set(bearer(operator)).send({ role: 'store_staff' }).expect(409);
  });

  it('a member whose departments map to no store cannot get an account yet', async () => {
    await t.http().post('/sandbox/wecom/directory').send({ corpId: CORP, departments: [{ id: 4, name: '杭州湖滨店', parentId: 1 }], users: [{ userid: 'zhao_lei', name: '赵磊', departments: [4] }] }).expect(200);
    expect(await sync()).toMatchObject({ status: 'done', created: 2, updated: 8 });
    const zhao = await member('zhao_lei');
    const res = await t.http().post(`/api/wecom/staff/${zhao.id}/create-account`).set(bearer(operator)).send({ role: 'store_manager' }).expect(400);
    expect(res.body.message).toContain('map one of 赵磊');
  });

  it('a re-sync keeps what people chose and marks members and departments that left WeCom', async () => {
    const liNa = await member('li_na');
    await t.http().patch(`/api/wecom/staff/${liNa.id}`).set(bearer(operator)).send({ adminUserId: null }).expect(200);
    await t.http().post('/sandbox/wecom/directory').send({ corpId: CORP, removeUserIds: ['chen_jing', 'zhao_lei'], removeDepartmentIds: [4] }).expect(200);
    const run = await sync();
    expect(run).toMatchObject({ status: 'done', removed: 3 });
    expect(await member('li_na')).toMatchObject({ adminUserId: null, adminUserMappedBy: null });
    expect((await member('chen_jing')).removedAt).not.toBeNull();
    expect((await dept(4)).removedAt).not.toBeNull();
    expect((await dept(3))).toMatchObject({ storeId: bjStore, storeMappedBy: 'manual', staffCount: 1 });
  });

  it('a WeCom failure fails the run with the reason, and the next run works', async () => {
    await t.http().post('/sandbox/faults').send({ api: '/qyapi/cgi-bin/department/list', errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent', times: 1 }).expect(200);
    const failed = await sync();
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed.failure).toContain('60011');
    expect(await sync()).toMatchObject({ status: 'done' });
  });

  it('only owners and operators reach the WeCom organisation; store roles get 403', async () => {
    const d = await dept(2);
    const s = await member('li_na');
    const calls: ['get' | 'post' | 'patch', string, object?][] = [
      ['post', `/api/wecom/accounts/${accountId}/sync/org`],
      ['post', `/api/wecom/accounts/${accountId}/sync/contacts`],
      ['get', '/api/wecom/sync-runs/1'],
      ['get', `/api/wecom/accounts/${accountId}/departments`],
      ['patch', `/api/wecom/departments/${d.id}`, { storeId: null }],
      ['post', `/api/wecom/departments/${d.id}/create-store`],
      ['get', `/api/wecom/accounts/${accountId}/staff`],
      ['patch', `/api/wecom/staff/${s.id}`, { adminUserId: null }],
      ['post', `/api/wecom/staff/${s.id}/create-account`, { role: 'store_staff' }],
    ];
    for (const [method, path, body] of calls) {
      const req = t.http()[method](path).set(bearer(manager));
      expect([path, (body ? await req.send(body) : await req).status]).toEqual([path, 403]);
      expect([path, (await t.http()[method](path)).status]).toEqual([path, 401]);
    }
  });
});
