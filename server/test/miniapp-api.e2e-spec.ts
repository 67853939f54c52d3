import { randomUUID } from 'node:crypto';
import { MiniappApiService } from '../src/wechat/miniapp/miniapp-api.service';
import { WechatApiError } from '../src/wechat/wechat-http';
import { TestApp, bearer, eventually, startTestApp } from './harness';

const PUSH_APP = 'wx7c7d7e7f7a7b7c7d';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

/** Mini-program server APIs (subscribe messages, verified phone) and member reports, against the sandbox over HTTP. */
describe('mini-program subscribe messages, verified phone and page views (MariaDB + sandbox)', () => {
  let t: TestApp;
  let owner: string;
  let api: MiniappApiService;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    api = t.app.get(MiniappApiService);
    await t.http().post('/api/channels').set(bearer(owner)).send({ type: 'miniapp', name: '推送小程序', appId: PUSH_APP, secret: 'push-app-secret-1', token: 'mpToken2', encodingAesKey: AES_KEY }).expect(201);
  });
  afterAll(() => t.close());

  const login = async (openid = `oMpApi${randomUUID().replace(/-/g, '').slice(0, 20)}`) => {
    const code = (await t.http().post('/sandbox/miniapp/login-code').send({ openid }).expect(200)).body.code;
    const res = (await t.http().post('/api/mp/auth/login').send({ code }).expect(200)).body;
    return { token: res.token as string, id: res.member.id as number, openid };
  };
  const send = (appId: string, touser: string, templateId: string) =>
    api.sendSubscribeMessage(appId, { touser, templateId, page: 'pages/index/index', data: { thing1: { value: '优惠券即将过期' } }, miniprogramState: 'developer' });
  const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a WechatApiError'); }, (e: unknown) => e as WechatApiError);

  describe('subscribe messages: one send per acceptance', () => {
    it('an acceptance pushed to our callback allows exactly one send; the second is 43101', async () => {
      const openid = 'oSubscriber0001';
      const pushed = await t.http().post('/sandbox/miniapp/emit').send({ appId: PUSH_APP, openid, templates: [{ templateId: 'TPL_coupon', status: 'accept' }, { templateId: 'TPL_lottery', status: 'reject' }] }).expect(200);
      expect(pushed.body.status).toBe(200);
      const first = await send(PUSH_APP, openid, 'TPL_coupon');
      expect(first.msgid).toMatch(/^\d+$/);
      const second = await refusal(send(PUSH_APP, openid, 'TPL_coupon'));
      expect(second).toBeInstanceOf(WechatApiError);
      expect(second).toMatchObject({ errcode: 43101, kind: 'subscribe_refused' });
      const rejected = await refusal(send(PUSH_APP, openid, 'TPL_lottery'));
      expect(rejected.errcode).toBe(43101);
      const unknown = await refusal(send(PUSH_APP, openid, 'TPL_never_offered'));
      expect(unknown).toMatchObject({ errcode: 40037, kind: 'permanent' });

      const calls = (await t.http().get('/sandbox/calls').query({ api: '/cgi-bin/message/subscribe/send' }).expect(200)).body;
      expect(calls[0].body).toMatchObject({ touser: openid, template_id: 'TPL_coupon', page: 'pages/index/index', miniprogram_state: 'developer', data: { thing1: { value: '优惠券即将过期' } } });
      expect(calls.map((c: { response: { errcode: number } }) => c.response.errcode)).toEqual([0, 43101, 43101, 40037]);
    });

    it('acceptances add up, also when given through the control endpoint (no push URL on the configured app)', async () => {
      const appId = t.config.wechat.miniappAppId;
      const openid = 'oSubscriber0002';
      const body = { openid, templates: [{ templateId: 'TPL_order', status: 'accept' }] };
      expect((await t.http().post('/sandbox/miniapp/subscribe').send(body).expect(200)).body).toEqual({ credits: [{ templateId: 'TPL_order', credits: 1 }], pushed: false });
      expect((await t.http().post('/sandbox/miniapp/subscribe').send(body).expect(200)).body.credits[0].credits).toBe(2);
      await send(appId, openid, 'TPL_order');
      await send(appId, openid, 'TPL_order');
      expect((await refusal(send(appId, openid, 'TPL_order'))).errcode).toBe(43101);
      // someone else's acceptance is not this user's
      expect((await refusal(send(appId, 'oSubscriber0003', 'TPL_order'))).errcode).toBe(43101);
      await t.http().post('/sandbox/miniapp/subscribe').send({ openid: 'not-an-openid', templates: [] }).expect(400);
      await t.http().post('/sandbox/miniapp/subscribe').send({ appId: 'wxunknownapp0001', ...body }).expect(400);
    });

    it('bad data is refused by WeChat before any credit is spent', async () => {
      const openid = 'oSubscriber0004';
      await t.http().post('/sandbox/miniapp/subscribe').send({ appId: PUSH_APP, openid, templates: [{ templateId: 'TPL_coupon', status: 'accept' }] }).expect(200);
      const bad = await refusal(api.sendSubscribeMessage(PUSH_APP, { touser: openid, templateId: 'TPL_coupon', data: {} }));
      expect(bad.errcode).toBe(47003);
      await expect(send(PUSH_APP, openid, 'TPL_coupon')).resolves.toMatchObject({ msgid: expect.any(String) });
    });
  });

  describe('verified phone', () => {
    const phoneCode = async (openid: string, phone: string) => (await t.http().post('/sandbox/miniapp/phone-code').send({ openid, phone }).expect(200)).body.code as string;
    const phoneEvents = async (memberId: number) => (await t.http().get(`/api/members/${memberId}/events?type=mp.phone_bound`).set(bearer(owner)).expect(200)).body.items;

    it('binds the number WeChat verified and shows it masked; the code works once', async () => {
      const m = await login();
      const code = await phoneCode(m.openid, '13800138000');
      const res = await t.http().post('/api/mp/me/phone').set(bearer(m.token)).send({ code }).expect(200);
      expect(res.body).toMatchObject({ id: m.id, phoneMasked: '138****8000', phoneBinding: 'bound' });
      const again = await t.http().post('/api/mp/me/phone').set(bearer(m.token)).send({ code }).expect(400);
      expect(again.body.details).toEqual([{ field: 'code', message: 'invalid or already used' }]);

      const detail = (await t.http().get(`/api/members/${m.id}`).set(bearer(owner)).expect(200)).body;
      expect(detail.phoneMasked).toBe('138****8000');
      expect(detail.identities.find((i: { type: string }) => i.type === 'phone')).toMatchObject({ value: '138****8000' });
      const [ev] = await phoneEvents(m.id);
      expect(ev.properties).toEqual({ phoneMasked: '138****8000', outcome: 'bound' });
      const stored = await t.ds.query("SELECT properties, raw, dedupe_key FROM event WHERE type = 'mp.phone_bound' AND member_id = ?", [m.id]);
      expect(JSON.stringify(stored)).not.toContain('13800138000');

      // the same number verified again: nothing changes, no second event
      const same = await t.http().post('/api/mp/me/phone').set(bearer(m.token)).send({ code: await phoneCode(m.openid, '13800138000') }).expect(200);
      expect(same.body.phoneBinding).toBe('already');
      expect(await phoneEvents(m.id)).toHaveLength(1);

      // a newly verified number replaces the old one
      const changed = await t.http().post('/api/mp/me/phone').set(bearer(m.token)).send({ code: await phoneCode(m.openid, '+86 139 0013 9000') }).expect(200);
      expect(changed.body).toMatchObject({ phoneMasked: '139****9000', phoneBinding: 'bound' });
      const phones = await t.ds.query("SELECT COUNT(*) AS n FROM member_identity WHERE member_id = ? AND type = 'phone'", [m.id]);
      expect(Number(phones[0].n)).toBe(1);
    });

    it('a verified number another member holds makes them one: merged into the older record, with a new session', async () => {
      const holder = await login();
      await t.http().post('/api/mp/me/phone').set(bearer(holder.token)).send({ code: await phoneCode(holder.openid, '13700137000') }).expect(200);
      const other = await login();
      const res = await t.http().post('/api/mp/me/phone').set(bearer(other.token)).send({ code: await phoneCode(other.openid, '13700137000') }).expect(200);
      expect(res.body).toMatchObject({ id: holder.id, phoneMasked: '137****7000', phoneBinding: 'merged' });
      expect(res.body.token).toEqual(expect.any(String));
      // the absorbed record's session is gone; the new one works
      await t.http().get('/api/mp/me').set(bearer(other.token)).expect(401);
      expect((await t.http().get('/api/mp/me').set(bearer(res.body.token)).expect(200)).body.id).toBe(holder.id);
      const [ev] = await phoneEvents(holder.id);
      expect(ev.properties).toMatchObject({ phoneMasked: '137****7000', outcome: 'merged', mergeId: expect.any(Number) });
      const kept = (await t.http().get(`/api/members/${holder.id}`).set(bearer(owner)).expect(200)).body;
      expect(kept.identities.filter((i: { type: string }) => i.type === 'mp_openid').map((i: { value: string }) => i.value).sort()).toEqual([holder.openid, other.openid].sort());
      const [merge] = (await t.http().get(`/api/members/${holder.id}/merges`).set(bearer(owner)).expect(200)).body;
      expect(merge).toMatchObject({ keptMemberId: holder.id, mergedMemberId: other.id, reason: 'phone', identifier: '137****7000' });

      // once an operator splits them, the same number verified again is only reported
      await t.http().post(`/api/member-merges/${merge.id}/undo`).set(bearer(owner)).expect(200);
      const again = await t.http().post('/api/mp/me/phone').set(bearer(other.token)).send({ code: await phoneCode(other.openid, '13700137000') }).expect(200);
      expect(again.body).toMatchObject({ id: other.id, phoneBinding: 'held_by_other' });
      expect(again.body.token).toBeUndefined();
    });

    it('refuses bad codes, other callers and bad sandbox input', async () => {
      const m = await login();
      await t.http().post('/api/mp/me/phone').set(bearer(m.token)).send({ code: 'sbxph_forged' }).expect(400);
      await t.http().post('/api/mp/me/phone').set(bearer(m.token)).send({}).expect(400);
      // a code issued for another mini-program
      const foreign = (await t.http().post('/sandbox/miniapp/phone-code').send({ appId: PUSH_APP, openid: m.openid, phone: '13600136000' }).expect(200)).body.code;
      await t.http().post('/api/mp/me/phone').set(bearer(m.token)).send({ code: foreign }).expect(400);
      const code = await phoneCode(m.openid, '13600136000');
      await t.http().post('/api/mp/me/phone').send({ code }).expect(401);
      await t.http().post('/api/mp/me/phone').set(bearer(owner)).send({ code }).expect(401);
      await t.http().post('/sandbox/miniapp/phone-code').send({ openid: m.openid, phone: '12345' }).expect(400);
      await t.http().post('/sandbox/miniapp/phone-code').send({ openid: 'nope', phone: '13600136000' }).expect(400);
      // WeChat down: a clear 503, not a 500
      await t.http().post('/sandbox/faults').send({ api: '/wxa/business/getuserphonenumber', httpStatus: 502, times: 3 }).expect(200);
      const down = await t.http().post('/api/mp/me/phone').set(bearer(m.token)).send({ code }).expect(503);
      expect(down.body.message).toMatch(/try again/);
    });
  });

  describe('page views', () => {
    const view = (over: Record<string, unknown> = {}) => ({ path: 'pages/index/index', at: new Date().toISOString(), viewId: randomUUID(), ...over });

    it('stores a batch as mp.page_view events once per viewId', async () => {
      const m = await login();
      const views = [
        view({ title: '首页', durationMs: 5200 }),
        view({ path: 'packageMember/pages/center/index', query: 'from=home', referrer: 'pages/index/index', durationMs: 12000 }),
        view({ path: '/packageMember/pages/profile/index' }),
      ];
      expect((await t.http().post('/api/mp/events/page-views').set(bearer(m.token)).send({ views }).expect(200)).body).toEqual({ accepted: 3, duplicates: 0 });
      expect((await t.http().post('/api/mp/events/page-views').set(bearer(m.token)).send({ views }).expect(200)).body).toEqual({ accepted: 0, duplicates: 3 });
      const items = await eventually(async () => {
        const list = (await t.http().get(`/api/members/${m.id}/events?type=mp.page_view`).set(bearer(owner)).expect(200)).body.items;
        return list.length === 3 ? list : null;
      });
      const byId = new Map(items.map((e: { properties: { viewId: string } }) => [e.properties.viewId, e]));
      expect(byId.get(views[1].viewId)).toMatchObject({
        source: 'miniapp',
        properties: { path: 'packageMember/pages/center/index', query: 'from=home', referrer: 'pages/index/index', durationMs: 12000 },
      });
      expect((byId.get(views[2].viewId) as { properties: { path: string } }).properties.path).toBe('packageMember/pages/profile/index');
      expect((await t.http().get(`/api/members/${m.id}`).set(bearer(owner)).expect(200)).body.lastSeenAt).not.toBeNull();
    });

    it('refuses a bad batch naming the item, and stores none of it', async () => {
      const m = await login();
      const bad = await t.http().post('/api/mp/events/page-views').set(bearer(m.token)).send({ views: [view(), view({ path: 'pages/<script>' })] }).expect(400);
      expect(bad.body.details[0].field).toBe('views.1.path');
      const old = await t.http().post('/api/mp/events/page-views').set(bearer(m.token)).send({ views: [view(), view(), view({ at: '2020-01-01T00:00:00Z' })] }).expect(400);
      expect(old.body.details).toEqual([{ field: 'views.2.at', message: 'older than 7 days' }]);
      const noId = await t.http().post('/api/mp/events/page-views').set(bearer(m.token)).send({ views: [view({ viewId: 'abc' })] }).expect(400);
      expect(noId.body.details[0].field).toBe('views.0.viewId');
      await t.http().post('/api/mp/events/page-views').set(bearer(m.token)).send({ views: Array.from({ length: 51 }, () => view()) }).expect(400);
      await t.http().post('/api/mp/events/page-views').set(bearer(m.token)).send({ views: [] }).expect(400);
      const stored = await t.ds.query("SELECT COUNT(*) AS n FROM event WHERE type = 'mp.page_view' AND member_id = ?", [m.id]);
      expect(Number(stored[0].n)).toBe(0);
      await t.http().post('/api/mp/events/page-views').send({ views: [view()] }).expect(401);
      await t.http().post('/api/mp/events/page-views').set(bearer(owner)).send({ views: [view()] }).expect(401);
    });
  });
});
