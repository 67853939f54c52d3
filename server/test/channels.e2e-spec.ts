import { TestApp, bearer, startTestApp } from './harness';

const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('channel accounts, sandbox tokens, call log and fault injection (MariaDB)', () => {
  let t: TestApp;
  let owner: string;
  const auth = () => bearer(owner);

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://scrm.example.com' } });
    owner = await t.login();
  });
  afterAll(() => t.close());

  it('stores an OA account with sealed secrets, shows its callback URL and never returns a secret', async () => {
    const res = await t.http().post('/api/channels').set(auth()).send({
      type: 'oa', name: '品牌服务号', appId: 'wx1234567890abcdef', secret: 'oa-secret-0123456789abcdef', token: 'tok123', encodingAesKey: AES_KEY,
    }).expect(201);
    expect(res.body).toMatchObject({
      type: 'oa', appId: 'wx1234567890abcdef', enabled: true,
      callbackUrl: 'https://scrm.example.com/wechat/oa/wx1234567890abcdef/callback',
      secrets: { secret: { set: true, hint: '****cdef' }, token: { set: true, hint: '****' }, encodingAesKey: { set: true, hint: '****DEFG' }, apiV3Key: { set: false, hint: null } },
    });
    const text = JSON.stringify((await t.http().get('/api/channels').set(auth()).expect(200)).body);
    expect(text).not.toContain('oa-secret-0123456789abcdef');
    expect(text).not.toContain(AES_KEY);
    const [row] = await t.ds.query('SELECT secret_sealed, aes_key_sealed FROM channel_account WHERE external_id = ?', ['wx1234567890abcdef']);
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('oa-secret');
  });

  it('refuses incomplete, malformed and duplicate accounts with the field named', async () => {
    const missing = await t.http().post('/api/channels').set(auth()).send({ type: 'wecom', name: 'x', corpId: 'ww1234567890abcdef' }).expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['agentId', 'encodingAesKey', 'secret', 'token']);
    await t.http().post('/api/channels').set(auth()).send({ type: 'oa', name: 'x', appId: 'not-an-appid', secret: 'x'.repeat(10), token: 'tok' }).expect(400);
    await t.http().post('/api/channels').set(auth()).send({ type: 'pay', name: 'p', mchId: '1900000109', apiV3Key: 'k'.repeat(32), privateKey: 'not a pem', certSerialNo: 'ABCDEF0123' }).expect(400);
    const dup = await t.http().post('/api/channels').set(auth()).send({ type: 'oa', name: 'again', appId: 'wx1234567890abcdef', secret: 'x'.repeat(10), token: 'tok' }).expect(409);
    expect(dup.body.details[0].field).toBe('appId');
  });

  it('tests the connection by fetching a token from the sandbox; a wrong secret or an outage says why', async () => {
    const [oa] = (await t.http().get('/api/channels').set(auth()).expect(200)).body;
    const ok = await t.http().post(`/api/channels/${oa.id}/test`).set(auth()).expect(200);
    expect(ok.body).toMatchObject({ ok: true, message: 'access token fetched' });
    expect(ok.body.expiresIn).toBeGreaterThan(7000);
    const calls = (await t.http().get('/sandbox/calls?api=/cgi-bin/token').expect(200)).body;
    expect(calls.at(-1)).toMatchObject({ method: 'GET', query: { appid: 'wx1234567890abcdef', secret: '***' }, status: 200 });

    await t.http().patch(`/api/channels/${oa.id}`).set(auth()).send({ secret: 'a-wrong-secret-xyz' }).expect(200);
    const bad = await t.http().post(`/api/channels/${oa.id}/test`).set(auth()).expect(200);
    expect(bad.body).toEqual({ ok: false, message: '40125 invalid appsecret' });
    await t.http().patch(`/api/channels/${oa.id}`).set(auth()).send({ secret: 'oa-secret-0123456789abcdef' }).expect(200);

    await t.http().post('/sandbox/faults').send({ api: '/cgi-bin/token', httpStatus: 503, times: 1 }).expect(200);
    const down = await t.http().post(`/api/channels/${oa.id}/test`).set(auth()).expect(200);
    expect(down.body).toMatchObject({ ok: false, message: '-1 HTTP 503' });
    await t.http().post('/sandbox/faults').send({ api: '/cgi-bin/token', errcode: 40164, errmsg: 'invalid ip', times: 1 }).expect(200);
    expect((await t.http().post(`/api/channels/${oa.id}/test`).set(auth()).expect(200)).body.message).toBe('40164 invalid ip');
    expect((await t.http().post(`/api/channels/${oa.id}/test`).set(auth()).expect(200)).body.ok).toBe(true);
    expect((await t.http().get(`/api/channels/${oa.id}`).set(auth()).expect(200)).body.lastTestResult).toBe('ok: access token fetched');
    await t.http().post('/sandbox/faults').send({ api: 'no-slash' }).expect(400);
  });

  it('WeCom accounts fetch their token from the sandbox qyapi', async () => {
    const wc = (await t.http().post('/api/channels').set(auth()).send({
      type: 'wecom', name: '企业微信', corpId: 'ww1234567890abcdef', agentId: 1000002, secret: 'wecom-secret-0123456789', token: 'wtok', encodingAesKey: AES_KEY,
    }).expect(201)).body;
    expect(wc.callbackUrl).toBe('https://scrm.example.com/wechat/wecom/ww1234567890abcdef/callback');
    expect((await t.http().post(`/api/channels/${wc.id}/test`).set(auth()).expect(200)).body.ok).toBe(true);
  });

  it('only the owner manages accounts; operators may look and test', async () => {
    await t.http().post('/api/users').set(auth()).send({ username: 'ops1', password: 'Passw0rd!x', displayName: 'ops', role: 'operator', storeIds: [] }).expect(201);
    const ops = await t.login('ops1', 'Passw0rd!x');
    await t.http().get('/api/channels').set(bearer(ops)).expect(200);
    await t.http().post('/api/channels').set(bearer(ops)).send({ type: 'oa', name: 'x' }).expect(403);
    const [oa] = (await t.http().get('/api/channels').set(bearer(ops)).expect(200)).body;
    await t.http().patch(`/api/channels/${oa.id}`).set(bearer(ops)).send({ name: 'y' }).expect(403);
    await t.http().post(`/api/channels/${oa.id}/test`).set(bearer(ops)).expect(200);
  });

  it('lists the event catalog and an (empty) member timeline', async () => {
    const types = (await t.http().get('/api/events/types').set(auth()).expect(200)).body as { type: string; properties: { name: string }[] }[];
    for (const type of ['oa.subscribe', 'oa.unsubscribe', 'oa.scan', 'oa.message', 'oa.template_result', 'wecom.contact_added', 'wecom.staff_removed_by_contact', 'mp.subscribe_result', 'pay.paid', 'pay.refunded']) {
      expect(types.map((x) => x.type)).toContain(type);
    }
    expect(types.find((x) => x.type === 'oa.subscribe')!.properties.map((p) => p.name)).toContain('scene');
    const m = (await t.http().post('/api/members').set(auth()).send({ nickname: 't' }).expect(201)).body;
    expect((await t.http().get(`/api/members/${m.id}/events`).set(auth()).expect(200)).body).toEqual({ items: [], nextCursor: null });
    await t.http().get('/api/members/999999/events').set(auth()).expect(404);
  });
});
