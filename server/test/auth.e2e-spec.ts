import { OWNER, TestApp, bearer, startTestApp } from './harness';

describe('admin login, refresh rotation and logout (MariaDB)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5', ACCESS_TOKEN_TTL_SECONDS: '600' } });
  });
  afterAll(() => t.close());

  it('logs in the first owner from ADMIN_USERNAME / ADMIN_PASSWORD', async () => {
    const res = await t.http().post('/api/auth/login').send(OWNER).expect(200);
    expect(res.body).toMatchObject({ expiresIn: 600, user: { username: 'owner', role: 'owner', storeIds: [] } });
    const me = await t.http().get('/api/auth/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body.username).toBe('owner');
    // passwords are stored hashed, never in clear
    const [row] = await t.ds.query('SELECT password_hash FROM admin_user WHERE username = ?', ['owner']);
    expect(row.password_hash).toMatch(/^\$2[aby]\$10\$/);
    expect(row.password_hash).not.toContain(OWNER.password);
  });

  it('refuses a wrong password and a missing field with clear messages', async () => {
    const wrong = await t.http().post('/api/auth/login').send({ username: 'owner', password: 'nope' }).expect(401);
    expect(wrong.body.message).toBe('wrong username or password');
    const bad = await t.http().post('/api/auth/login').send({ username: 'owner' }).expect(400);
    expect(bad.body.details[0].field).toBe('password');
    const extra = await t.http().post('/api/auth/login').send({ ...OWNER, admin: true }).expect(400);
    expect(extra.body.message).toContain('admin');
  });

  it('rotates refresh tokens and revokes the whole family when a used one comes back', async () => {
    const first = (await t.http().post('/api/auth/login').send(OWNER).expect(200)).body;
    const second = (await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await t.http().get('/api/auth/me').set(bearer(second.accessToken)).expect(200);

    const reuse = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.message).toMatch(/already used/);
    // the thief's reuse also kills the legitimate newer token
    await t.http().post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
  });

  it('logout ends the session', async () => {
    const s = (await t.http().post('/api/auth/login').send(OWNER).expect(200)).body;
    await t.http().post('/api/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
    await t.http().post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
  });

  it('refuses missing, forged and member tokens on admin routes', async () => {
    await t.http().get('/api/members').expect(401);
    const token = await t.login();
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await t.http().get('/api/members').set(bearer(forged)).expect(401);
  });

  it('rate-limits login attempts per user', async () => {
    const name = 'ratelimited';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.http().post('/api/auth/login').send({ username: name, password: 'x' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const res = await t.http().post('/api/auth/login').send({ username: name, password: 'x' }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('records logins and admin writes in the audit log', async () => {
    const token = await t.login();
    await t.http().post('/api/stores').set(bearer(token)).send({ name: '杭州湖滨店', code: 'HZ01', city: '杭州' }).expect(201);
    const log = await t.http().get('/api/audit-logs?entityType=store').set(bearer(token)).expect(200);
    expect(log.body.items[0]).toMatchObject({ actorName: 'owner', action: 'store.create', entityType: 'store', after: { code: 'HZ01' } });
    expect(log.body.items[0].requestId).toBeTruthy();
  });
});
