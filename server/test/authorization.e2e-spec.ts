import { Role } from '../src/accounts/admin-user.entity';
import { TestApp, bearer, startTestApp } from './harness';

type Call = { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; body?: object };

/**
 * Every endpoint group against every role. "Allowed" means the guard let the call through (any
 * status but 401/403); "denied" means 403. A route's own rules (like store scoping) are tested below.
 */
describe('authorization: each role against each endpoint group (MariaDB)', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let storeA: number;
  let storeB: number;
  let memberA: number;
  let memberB: number;
  let tagId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await t.login();
    tokens.owner = owner;
    const h = () => t.http();
    storeA = (await h().post('/api/stores').set(bearer(owner)).send({ name: 'A 店', code: 'A1' }).expect(201)).body.id;
    storeB = (await h().post('/api/stores').set(bearer(owner)).send({ name: 'B 店', code: 'B1' }).expect(201)).body.id;
    const mk = async (role: Role, storeIds: number[]) => {
      await h().post('/api/users').set(bearer(owner)).send({ username: `u_${role}`, password: 'Passw0rd!x', displayName: role, role, storeIds }).expect(201);
      tokens[role] = await t.login(`u_${role}`, 'Passw0rd!x');
    };
    await mk('operator', []);
    await mk('store_manager', [storeA]);
    await mk('store_staff', [storeA]);
    memberA = (await h().post('/api/members').set(bearer(owner)).send({ nickname: 'A 会员', storeId: storeA }).expect(201)).body.id;
    memberB = (await h().post('/api/members').set(bearer(owner)).send({ nickname: 'B 会员', storeId: storeB }).expect(201)).body.id;
    tagId = (await h().post('/api/tags').set(bearer(owner)).send({ name: '权限测试' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const ALL: Role[] = ['owner', 'operator', 'store_manager', 'store_staff'];
  const HQ: Role[] = ['owner', 'operator'];
  const groups: { name: string; allowed: Role[]; calls: () => Call[] }[] = [
    { name: 'create and edit staff accounts and stores', allowed: ['owner'], calls: () => [
      { method: 'post', path: '/api/users', body: { username: 'x_new', password: 'short', displayName: 'x', role: 'operator', storeIds: [] } },
      { method: 'patch', path: '/api/users/999999', body: { displayName: 'y' } },
      { method: 'post', path: '/api/stores', body: { name: 'C', code: '' } },
      { method: 'patch', path: `/api/stores/${storeA}`, body: { city: '上海' } },
    ] },
    { name: 'list staff', allowed: ['owner', 'operator', 'store_manager'], calls: () => [{ method: 'get', path: '/api/users' }] },
    { name: 'list stores, tags, tag groups, attributes', allowed: ALL, calls: () => [
      { method: 'get', path: '/api/stores' }, { method: 'get', path: '/api/tags' }, { method: 'get', path: '/api/tag-groups' }, { method: 'get', path: '/api/attribute-definitions' },
    ] },
    { name: 'manage tags, tag groups and attribute definitions', allowed: HQ, calls: () => [
      { method: 'post', path: '/api/tags', body: { name: '' } },
      { method: 'patch', path: `/api/tags/${tagId}`, body: { description: 'd' } },
      { method: 'delete', path: '/api/tags/999999' },
      { method: 'post', path: '/api/tag-groups', body: { name: '' } },
      { method: 'delete', path: '/api/tag-groups/999999' },
      { method: 'post', path: '/api/attribute-definitions', body: { key: 'BAD KEY', label: 'x', type: 'string' } },
      { method: 'delete', path: '/api/attribute-definitions/999999' },
    ] },
    { name: 'read and edit members', allowed: ALL, calls: () => [
      { method: 'get', path: '/api/members' },
      { method: 'get', path: `/api/members/${memberA}` },
      { method: 'patch', path: `/api/members/${memberA}`, body: { city: '上海' } },
      { method: 'post', path: `/api/members/${memberA}/tags`, body: { tagIds: [tagId] } },
    ] },
    { name: 'bulk tagging and CSV import', allowed: HQ, calls: () => [
      { method: 'post', path: '/api/members/bulk-tags', body: { memberIds: [memberA], tagIds: [tagId], action: 'add' } },
      { method: 'post', path: '/api/members/import' },
      { method: 'get', path: '/api/members/import/999999' },
    ] },
    { name: 'CSV export', allowed: ['owner', 'operator', 'store_manager'], calls: () => [{ method: 'get', path: '/api/members/export.csv' }] },
    { name: 'segment exports and imports', allowed: HQ, calls: () => [
      { method: 'post', path: '/api/segments/999999/exports' },
      { method: 'post', path: '/api/segments/999999/snapshots', body: {} },
      { method: 'post', path: '/api/segments/imports' },
      { method: 'post', path: '/api/segments/999999/imports' },
      { method: 'get', path: '/api/segment-jobs/999999' },
      { method: 'get', path: '/api/segment-jobs/999999/file' },
      { method: 'get', path: '/api/segment-jobs/999999/errors' },
    ] },
    { name: 'segment layers: read', allowed: HQ, calls: () => [
      { method: 'get', path: '/api/segment-layers/rfm' },
      { method: 'get', path: '/api/segment-layers/lifecycle' },
    ] },
    { name: 'segment layers: settings', allowed: ['owner'], calls: () => [
      { method: 'put', path: '/api/segment-layers/rfm', body: {} },
      { method: 'put', path: '/api/segment-layers/lifecycle', body: {} },
    ] },
    { name: 'audit log', allowed: HQ, calls: () => [{ method: 'get', path: '/api/audit-logs' }] },
    { name: 'automation flows and node types', allowed: HQ, calls: () => [
      { method: 'get', path: '/api/automation/node-types' },
      { method: 'get', path: '/api/automation/flows' },
      { method: 'post', path: '/api/automation/flows', body: { name: '' } },
      { method: 'get', path: '/api/automation/flows/999999' },
      { method: 'patch', path: '/api/automation/flows/999999', body: { name: 'x' } },
      { method: 'post', path: '/api/automation/flows/999999/validate' },
      { method: 'post', path: '/api/automation/flows/999999/publish' },
      { method: 'post', path: '/api/automation/flows/999999/pause' },
      { method: 'post', path: '/api/automation/flows/999999/resume' },
      { method: 'post', path: '/api/automation/flows/999999/archive' },
      { method: 'get', path: '/api/automation/flows/999999/versions' },
      { method: 'get', path: '/api/automation/flows/999999/versions/1' },
      { method: 'post', path: '/api/automation/flows/999999/enroll', body: { memberIds: [] } },
      { method: 'get', path: `/api/automation/flows/999999/members/${memberA}/journey` },
    ] },
    { name: 'create and edit channel accounts and API keys', allowed: ['owner'], calls: () => [
      { method: 'post', path: '/api/channels', body: { type: 'oa', name: '' } },
      { method: 'patch', path: '/api/channels/999999', body: { name: 'x' } },
      { method: 'post', path: '/api/api-keys', body: { name: '' } },
      { method: 'delete', path: '/api/api-keys/999999' },
    ] },
    { name: 'see and test channel accounts, list API keys', allowed: HQ, calls: () => [
      { method: 'get', path: '/api/channels' }, { method: 'post', path: '/api/channels/999999/test' }, { method: 'get', path: '/api/api-keys' },
    ] },
    { name: 'member timelines and the event catalog', allowed: ALL, calls: () => [
      { method: 'get', path: '/api/events/types' }, { method: 'get', path: `/api/members/${memberA}/events` },
    ] },
    { name: 'WeCom organisation sync, mapping and customer import', allowed: HQ, calls: () => [
      { method: 'post', path: '/api/wecom/accounts/999999/sync/org' },
      { method: 'post', path: '/api/wecom/accounts/999999/sync/contacts' },
      { method: 'get', path: '/api/wecom/sync-runs/999999' },
      { method: 'get', path: '/api/wecom/accounts/999999/departments' },
      { method: 'patch', path: '/api/wecom/departments/999999', body: { storeId: null } },
      { method: 'post', path: '/api/wecom/departments/999999/create-store' },
      { method: 'get', path: '/api/wecom/accounts/999999/staff' },
      { method: 'patch', path: '/api/wecom/staff/999999', body: { adminUserId: null } },
      { method: 'post', path: '/api/wecom/staff/999999/create-account', body: { role: 'store_staff' } },
    ] },
    { name: "a member's WeCom staff", allowed: ALL, calls: () => [{ method: 'get', path: `/api/members/${memberA}/wecom-staff` }] },
  ];

  for (const g of groups) {
    for (const role of ALL) {
      const allowed = g.allowed.includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} ${g.name}`, async () => {
        for (const c of g.calls()) {
          const req = t.http()[c.method](c.path).set(bearer(tokens[role]));
          const res = c.body ? await req.send(c.body) : await req;
          if (allowed) expect(res.status === 401 || res.status === 403 ? `${c.method} ${c.path} → ${res.status}` : 'let through').toBe('let through');
          else expect([c.path, res.status, res.body.error]).toEqual([c.path, 403, 'Forbidden']);
        }
      });
    }
  }

  it('anonymous callers get 401 on every admin group and members get 401 with an admin token', async () => {
    for (const g of groups) for (const c of g.calls()) expect([c.path, (await t.http()[c.method](c.path)).status]).toEqual([c.path, 401]);
    await t.http().get('/api/mp/me').set(bearer(tokens.owner)).expect(401);
  });

  it('store roles see only their own stores and members', async () => {
    for (const role of ['store_manager', 'store_staff'] as const) {
      const stores = await t.http().get('/api/stores').set(bearer(tokens[role])).expect(200);
      expect(stores.body.map((s: { id: number }) => s.id)).toEqual([storeA]);
      const list = await t.http().get('/api/members').set(bearer(tokens[role])).expect(200);
      expect(list.body.items.map((m: { id: number }) => m.id)).toEqual([memberA]);
      expect(list.body.total).toBe(1);
      await t.http().get(`/api/members/${memberB}`).set(bearer(tokens[role])).expect(404);
      await t.http().patch(`/api/members/${memberB}`).set(bearer(tokens[role])).send({ city: 'x' }).expect(404);
      await t.http().get(`/api/members?storeId=${storeB}`).set(bearer(tokens[role])).expect(403);
      await t.http().post('/api/members').set(bearer(tokens[role])).send({ nickname: 'n', storeId: storeB }).expect(403);
    }
    const hq = await t.http().get('/api/members').set(bearer(tokens.operator)).expect(200);
    expect(hq.body.total).toBe(2);
  });

  it('every operation in the API document declares a bearer scheme unless it is one of the known public ones', async () => {
    const doc = (await t.http().get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const PUBLIC = ['post /api/auth/login', 'post /api/auth/refresh', 'post /api/auth/logout', 'get /api/health', 'get /api/mp/config', 'post /api/mp/auth/login'];
    const undeclared: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method} ${path}`;
        if (PUBLIC.includes(key) || path.startsWith('/sandbox/')) continue;
        if (!op.security?.length) undeclared.push(key);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('a disabled user is locked out at once', async () => {
    const owner = tokens.owner;
    const users = (await t.http().get('/api/users').set(bearer(owner)).expect(200)).body as { id: number; username: string }[];
    const staff = users.find((u) => u.username === 'u_store_staff')!;
    await t.http().patch(`/api/users/${staff.id}`).set(bearer(owner)).send({ active: false }).expect(200);
    await t.http().get('/api/members').set(bearer(tokens.store_staff)).expect(401);
    await t.http().patch(`/api/users/${staff.id}`).set(bearer(owner)).send({ active: true }).expect(200);
  });
});
