import { TestApp, bearer, eventually, startTestApp } from './harness';

const APPID = 'wx5a5b5c5d5e5f5a5b';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

/** Subscribe-message consent arrives by mini-program message push (played by the sandbox). */
describe('mini-program message push: subscribe-message consent per template (MariaDB)', () => {
  let t: TestApp;
  let owner: string;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    await t.http().post('/api/channels').set(bearer(owner)).send({ type: 'miniapp', name: '会员小程序', appId: APPID, secret: 'mp-secret-abcdefgh', token: 'mpToken1', encodingAesKey: AES_KEY }).expect(201);
  });
  afterAll(() => t.close());

  const timeline = async (openid: string) => {
    const m = await eventually(async () => {
      const p = (await t.http().get(`/api/members?q=${openid}`).set(bearer(owner)).expect(200)).body;
      return p.total === 1 ? p.items[0] : null;
    });
    return eventually(async () => {
      const items = (await t.http().get(`/api/members/${m.id}/events?type=mp.subscribe_result`).set(bearer(owner)).expect(200)).body.items;
      return items.length ? items : null;
    });
  };

  it.each([
    ['JSON, safe mode', 'json', 'safe'],
    ['XML, safe mode', 'xml', 'safe'],
    ['JSON, plain', 'json', 'plain'],
  ])('%s: one event per answered template', async (_n, format, mode) => {
    const openid = `oMpPush${format}${mode}`;
    const res = await t.http().post('/sandbox/miniapp/emit').send({
      appId: APPID, openid, format, mode,
      templates: [{ templateId: 'TPL_coupon_expiry', status: 'accept' }, { templateId: 'TPL_lottery_result', status: 'reject' }],
    }).expect(200);
    expect(res.body).toMatchObject({ status: 200, body: 'success' });
    const items = await timeline(openid);
    await eventually(async () => (await timeline(openid)).length === 2);
    const all = await timeline(openid);
    expect(all.map((e: { properties: { templateId: string; status: string } }) => `${e.properties.templateId}:${e.properties.status}`).sort()).toEqual(['TPL_coupon_expiry:accept', 'TPL_lottery_result:reject']);
    expect(items[0].source).toBe('miniapp');
  });

  it('refuses a forged push', async () => {
    const res = await t.http().post('/sandbox/miniapp/emit').send({ appId: APPID, openid: 'oMpForge1', templates: [{ templateId: 'T', status: 'accept' }] }).expect(200);
    const forged = res.body.request.url.replace(/msg_signature=[0-9a-f]+/, 'msg_signature=' + '0'.repeat(40)).replace(/^http:\/\/127\.0\.0\.1:\d+/, '');
    await t.http().post(forged).set('content-type', 'application/json').send(res.body.request.body).expect(401);
  });
});
