import { TestApp, bearer, eventually, startTestApp } from './harness';

const APPID = 'wx0a0b0c0d0e0f0a0d';

/** Importing the people who followed the OA before it was connected (no push ever reached us). */
describe('OA follower import (MariaDB + sandbox)', () => {
  let t: TestApp;
  let owner: string;
  let staff: string;
  let accountId: number;
  const h = () => t.http();

  const finished = (id: number) =>
    eventually(async () => {
      const run = (await h().get(`/api/oa/follower-imports/${id}`).set(bearer(owner)).expect(200)).body;
      return run.status === 'completed' || run.status === 'failed' ? run : null;
    }, 30_000);

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    accountId = (await h().post('/api/channels').set(bearer(owner)).send({ type: 'oa', name: '服务号', appId: APPID, secret: 'oa-secret-followers', token: 'tok', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }).expect(201)).body.id;
    const store = (await h().post('/api/stores').set(bearer(owner)).send({ name: '门店', code: 'F1' }).expect(201)).body.id;
    await h().post('/api/users').set(bearer(owner)).send({ username: 'f_staff', password: 'Passw0rd!x', displayName: 'f', role: 'store_staff', storeIds: [store] }).expect(201);
    staff = await t.login('f_staff', 'Passw0rd!x');
  });
  afterAll(() => t.close());

  it('pages through every follower, makes members with OA consent and joins known people by unionid', async () => {
    // A mini-program member who turns out to follow the OA already (same person: same unionid).
    const cfg = (await h().get('/api/mp/config').expect(200)).body;
    const code = (await h().post('/sandbox/miniapp/login-code').send({ appId: cfg.appId, openid: 'oMpKnown00001', unionid: 'oUnionKnown01' }).expect(200)).body.code;
    const known = (await h().post('/api/mp/auth/login').send({ code }).expect(200)).body.member.id;
    await h().post('/sandbox/miniapp/login-code').send({ appId: cfg.appId, openid: 'oOaKnown00001', unionid: 'oUnionKnown01' }).expect(200);

    const seeded = (await h().post('/sandbox/oa/followers').send({ appId: APPID, openids: ['oOaKnown00001'], count: 249, pageSize: 120 }).expect(200)).body;
    expect(seeded.total).toBe(250);

    const started = (await h().post(`/api/oa/accounts/${accountId}/follower-imports`).set(bearer(owner)).expect(202)).body;
    expect(started).toMatchObject({ accountId, status: expect.stringMatching(/queued|running|completed/) });
    const run = await finished(started.id);
    expect(run).toMatchObject({ status: 'completed', total: 250, processed: 250, created: 249, matched: 1, failed: 0, percent: 100, failure: null });

    // three user/get pages (120 + 120 + 10) and the empty one after, batchget in chunks of at most 100
    const pages = (await h().get('/sandbox/calls?api=/cgi-bin/user/get').expect(200)).body;
    expect(pages.map((c: { response: { count: number } }) => c.response.count)).toEqual([120, 120, 10, 0]);
    const batches = (await h().get('/sandbox/calls?api=/cgi-bin/user/info/batchget').expect(200)).body;
    expect(Math.max(...batches.map((c: { body: { user_list: unknown[] } }) => c.body.user_list.length))).toBeLessThanOrEqual(100);

    const k = (await h().get(`/api/members/${known}`).set(bearer(owner)).expect(200)).body;
    expect(k.identities.map((i: { type: string; value: string }) => `${i.type}:${i.value}`).sort()).toEqual(['mp_openid:oMpKnown00001', 'oa_openid:oOaKnown00001', 'unionid:oUnionKnown01']);
    expect(k.consent.oa).toBe(true);
    const page = (await h().get('/api/members?q=oSbxFollower000007').set(bearer(owner)).expect(200)).body;
    expect(page.total).toBe(1);
    const m = (await h().get(`/api/members/${page.items[0].id}`).set(bearer(owner)).expect(200)).body;
    expect(m).toMatchObject({ sourceChannel: 'oa', consent: { oa: true } });
    expect(m.identities.find((i: { type: string }) => i.type === 'oa_openid')).toMatchObject({ consent: true });
  });

  it('running it again matches everyone and creates nobody', async () => {
    const total = (await h().get('/api/members').set(bearer(owner)).expect(200)).body.total;
    const started = (await h().post(`/api/oa/accounts/${accountId}/follower-imports`).set(bearer(owner)).expect(202)).body;
    const run = await finished(started.id);
    expect(run).toMatchObject({ status: 'completed', created: 0, matched: 250 });
    expect((await h().get('/api/members').set(bearer(owner)).expect(200)).body.total).toBe(total);
    const list = (await h().get(`/api/oa/accounts/${accountId}/follower-imports`).set(bearer(owner)).expect(200)).body;
    expect(list.map((r: { id: number }) => r.id)).toEqual([started.id, started.id - 1]);
  });

  it('refuses what makes no sense, and store roles', async () => {
    await h().post(`/api/oa/accounts/${accountId}/follower-imports`).set(bearer(staff)).expect(403);
    await h().get(`/api/oa/accounts/${accountId}/follower-imports`).set(bearer(staff)).expect(403);
    await h().post('/api/oa/accounts/99999/follower-imports').set(bearer(owner)).expect(404);
    await h().get('/api/oa/follower-imports/99999').set(bearer(owner)).expect(404);
    const pay = await h()
      .post('/api/channels')
      .set(bearer(owner))
      .send({ type: 'miniapp', name: '小程序', appId: 'wxminiappfollow01', secret: 'mp-secret-123456' })
      .expect(201);
    const bad = await h().post(`/api/oa/accounts/${pay.body.id}/follower-imports`).set(bearer(owner)).expect(400);
    expect(bad.body.message).toContain('Official Account');
  });

  it('a WeChat failure fails the run with the reason instead of leaving it running', async () => {
    await h().post('/sandbox/faults').send({ api: '/cgi-bin/user/get', errcode: 48001, errmsg: 'api unauthorized' }).expect(200);
    try {
      const started = (await h().post(`/api/oa/accounts/${accountId}/follower-imports`).set(bearer(owner)).expect(202)).body;
      const run = await finished(started.id);
      expect(run.status).toBe('failed');
      expect(run.failure).toContain('48001');
    } finally {
      await h().delete('/sandbox/faults').expect(204);
    }
  });
});
