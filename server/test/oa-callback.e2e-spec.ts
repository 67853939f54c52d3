import { randomBytes } from 'node:crypto';
import { computeSignature } from '../src/wechat/crypto';
import { TestApp, bearer, eventually, startTestApp } from './harness';

const APPID = 'wx0a0b0c0d0e0f0a0b';
const TOKEN = 'oaToken123';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

/** WeChat (played by the sandbox over real HTTP) pushing OA events to our callback URL. */
describe.each([
  ['MariaDB', 'mysql' as const],
  ['embedded SQLite', 'sqlite' as const],
])('OA callbacks: verify, decrypt, dedupe, store, resolve to one member (%s)', (_name, db) => {
  let t: TestApp;
  let owner: string;

  beforeAll(async () => {
    t = await startTestApp({ db, env: { MAX_BODY_KB: '64' } });
    owner = await t.login();
    await t.http().post('/api/channels').set(bearer(owner)).send({ type: 'oa', name: '服务号', appId: APPID, secret: 'oa-secret-abcdefgh', token: TOKEN, encodingAesKey: AES_KEY }).expect(201);
  });
  afterAll(() => t.close());

  const emit = async (body: object) => (await t.http().post('/sandbox/oa/emit').send({ appId: APPID, ...body }).expect(200)).body;
  const memberOf = (openid: string) =>
    eventually(async () => {
      const page = (await t.http().get(`/api/members?q=${openid}`).set(bearer(owner)).expect(200)).body;
      return page.total === 1 ? page.items[0] : null;
    });
  const eventsOf = async (memberId: number) => (await t.http().get(`/api/members/${memberId}/events`).set(bearer(owner)).expect(200)).body.items;

  it('answers the URL verification with echostr only when the signature is right', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const q = { timestamp, nonce: '12345', echostr: 'echo-abc', signature: computeSignature(TOKEN, timestamp, '12345') };
    const ok = await t.http().get(`/wechat/oa/${APPID}/callback`).query(q).expect(200);
    expect(ok.text).toBe('echo-abc');
    const bad = await t.http().get(`/wechat/oa/${APPID}/callback`).query({ ...q, signature: 'f'.repeat(40) }).expect(401);
    expect(bad.body.message).toBe('callback refused: bad signature');
    await t.http().get('/wechat/oa/wxunknown0000000/callback').query(q).expect(404);
  });

  it('a follow through a store QR code (safe mode) becomes a member with the event on their timeline', async () => {
    const res = await emit({ kind: 'subscribe', openid: 'oFollower0001', scene: 'store_12' });
    expect(res).toMatchObject({ status: 200, body: 'success' });
    expect(res.request.url).toContain('encrypt_type=aes');
    const m = await memberOf('oFollower0001');
    expect(m.sourceChannel).toBe('oa');
    await eventually(async () => (await eventsOf(m.id)).length === 1);
    const [ev] = await eventsOf(m.id);
    expect(ev).toMatchObject({ type: 'oa.subscribe', source: 'oa', properties: { scene: 'store_12', ticket: 'sbx_ticket_store_12' } });
    const detail = (await t.http().get(`/api/members/${m.id}`).set(bearer(owner)).expect(200)).body;
    expect(detail.consent.oa).toBe(true);
    // the OA's user/info told us the unionid, so the member can be joined across WeChat surfaces
    expect(detail.identities.map((i: { type: string }) => i.type).sort()).toEqual(['oa_openid', 'unionid']);
    expect(detail.identities.find((i: { type: string }) => i.type === 'oa_openid')).toMatchObject({ appId: APPID, value: 'oFollower0001' });
  });

  it('WeChat retries (3x in a row, then 20 at once) never make a second event', async () => {
    const first = await emit({ kind: 'text', openid: 'oRetry0001', content: '在吗', msgId: '7000000000000000001' });
    const replay = () => t.http().post(first.request.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')).set('content-type', 'text/xml').send(first.request.body);
    for (let i = 0; i < 3; i++) expect((await replay().expect(200)).text).toBe('success');
    await Promise.all(Array.from({ length: 20 }, () => replay().expect(200)));
    const rows = await t.ds.query("SELECT COUNT(*) AS n FROM event WHERE dedupe_key = ?", [`oa:${APPID}:msg:7000000000000000001`]);
    expect(Number(rows[0].n)).toBe(1);
    const m = await memberOf('oRetry0001');
    await eventually(async () => (await eventsOf(m.id)).length === 1);
    expect((await eventsOf(m.id))[0]).toMatchObject({ type: 'oa.message', properties: { content: '在吗', msgId: '7000000000000000001' } });
  });

  it('plain and compat modes work too, and an unfollow withdraws OA consent', async () => {
    expect((await emit({ kind: 'subscribe', openid: 'oPlain0001', mode: 'plain' })).status).toBe(200);
    expect((await emit({ kind: 'click', openid: 'oPlain0001', key: 'MENU_COUPON', mode: 'compat' })).status).toBe(200);
    const m = await memberOf('oPlain0001');
    await eventually(async () => (await eventsOf(m.id)).length === 2);
    await emit({ kind: 'unsubscribe', openid: 'oPlain0001' });
    await eventually(async () => (await eventsOf(m.id)).length === 3);
    const detail = await eventually(async () => {
      const d = (await t.http().get(`/api/members/${m.id}`).set(bearer(owner)).expect(200)).body;
      return d.consent.oa === false ? d : null;
    });
    expect(detail.lastSeenAt).not.toBeNull();
    const types = (await eventsOf(m.id)).map((e: { type: string }) => e.type);
    expect(types).toEqual(['oa.unsubscribe', 'oa.menu_click', 'oa.subscribe']);
    const filtered = (await t.http().get(`/api/members/${m.id}/events?type=oa.menu_click`).set(bearer(owner)).expect(200)).body.items;
    expect(filtered).toHaveLength(1);
  });

  it('two first events for a new person at the same moment make one member', async () => {
    await Promise.all([
      emit({ kind: 'subscribe', openid: 'oRace0001', scene: 'a' }),
      emit({ kind: 'location', openid: 'oRace0001' }),
      emit({ kind: 'text', openid: 'oRace0001', content: 'hi' }),
    ]);
    const m = await memberOf('oRace0001');
    await eventually(async () => (await eventsOf(m.id)).length === 3);
    const n = await t.ds.query("SELECT COUNT(*) AS n FROM member_identity WHERE value = 'oRace0001'");
    expect(Number(n[0].n)).toBe(1);
  });

  it('refuses stale timestamps, wrong signatures, oversize and garbage bodies with 4xx, never 5xx', async () => {
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const stale = await t.http().post(`/wechat/oa/${APPID}/callback`).query({ timestamp: old, nonce: '1', openid: 'o', signature: computeSignature(TOKEN, old, '1') }).set('content-type', 'text/xml').send('<xml></xml>');
    expect(stale.status).toBe(401);
    const big = await t.http().post(`/wechat/oa/${APPID}/callback`).set('content-type', 'text/xml').send('<xml>' + 'x'.repeat(70_000) + '</xml>');
    expect(big.status).toBe(413);

    const good = await emit({ kind: 'text', openid: 'oFuzz0001', content: 'seed' });
    const url = good.request.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '');
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const body = mutate(good.request.body, i);
      const u = i % 3 === 0 ? mutate(url, i + 7) : url;
      const res = await t.http().post(u).set('content-type', i % 5 === 0 ? 'application/json' : 'text/xml').send(body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status).toBeLessThan(500);
    }
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  });
});

/** Random damage: flip, drop, insert or duplicate characters; sometimes pure noise. */
function mutate(s: string, seed: number): string {
  const r = (n: number) => (seed * 7919 + n * 104729) % Math.max(1, s.length);
  switch (seed % 6) {
    case 0:
      return randomBytes(20 + (seed % 200)).toString(seed % 2 ? 'base64' : 'latin1');
    case 1:
      return s.slice(0, r(1)) + String.fromCharCode(33 + (seed % 90)) + s.slice(r(1) + 1);
    case 2:
      return s.slice(0, r(2)) + s.slice(r(2) + 1 + (seed % 9));
    case 3:
      return s.slice(0, r(3)) + '<!DOCTYPE x [<!ENTITY a "b">]>' + s.slice(r(3));
    case 4:
      return s + s.slice(0, r(4));
    default:
      return s.replace(/[A-Za-z]/, (c) => (c === 'A' ? 'B' : 'A'));
  }
}

describe('one identity per person: the OA unionid joins a mini-program member (MariaDB + sandbox)', () => {
  let t: TestApp;
  let owner: string;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    await t.http().post('/api/channels').set(bearer(owner)).send({ type: 'oa', name: '服务号', appId: APPID, secret: 'oa-secret-abcdefgh', token: TOKEN, encodingAesKey: AES_KEY }).expect(201);
  });
  afterAll(() => t.close());

  it('a mini-program member who then follows the OA stays one member with both openids', async () => {
    const cfg = (await t.http().get('/api/mp/config').expect(200)).body;
    const code = (await t.http().post('/sandbox/miniapp/login-code').send({ appId: cfg.appId, openid: 'oMpPerson0001', unionid: 'oUnionPerson0001' }).expect(200)).body.code;
    const mp = (await t.http().post('/api/mp/auth/login').send({ code }).expect(200)).body.member;

    await t.http().post('/sandbox/oa/emit').send({ appId: APPID, kind: 'subscribe', openid: 'oOaPerson0001', unionid: 'oUnionPerson0001', scene: 'store_7' }).expect(200);
    await eventually(async () => {
      const d = (await t.http().get(`/api/members/${mp.id}`).set(bearer(owner)).expect(200)).body;
      return d.identities.some((i: { type: string }) => i.type === 'oa_openid') ? d : null;
    });
    const detail = (await t.http().get(`/api/members/${mp.id}`).set(bearer(owner)).expect(200)).body;
    expect(detail.identities.map((i: { type: string; value: string }) => `${i.type}:${i.value}`).sort()).toEqual([
      'mp_openid:oMpPerson0001', 'oa_openid:oOaPerson0001', 'unionid:oUnionPerson0001',
    ]);
    expect(detail.consent).toMatchObject({ oa: true, miniapp: true });
    expect((await t.http().get('/api/members?q=oOaPerson0001').set(bearer(owner)).expect(200)).body.total).toBe(1);
    const calls = (await t.http().get('/sandbox/calls?api=/cgi-bin/user/info').expect(200)).body;
    expect(calls.at(-1)).toMatchObject({ query: { openid: 'oOaPerson0001', access_token: '***' }, status: 200 });
  });

  it('the OA client shares its token through the database and recovers when WeChat expires it', async () => {
    await t.http().post('/sandbox/oa/emit').send({ appId: APPID, kind: 'subscribe', openid: 'oOaPerson0002' }).expect(200);
    await eventually(async () => (await t.http().get('/api/members?q=oOaPerson0002').set(bearer(owner)).expect(200)).body.total === 1);
    const before = await t.ds.query("SELECT token FROM channel_access_token WHERE kind = 'access'");
    expect(before).toHaveLength(1);
    await t.http().post('/sandbox/tokens/expire').expect(204);
    await t.http().post('/sandbox/oa/emit').send({ appId: APPID, kind: 'subscribe', openid: 'oOaPerson0003' }).expect(200);
    const m = await eventually(async () => {
      const p = (await t.http().get('/api/members?q=oOaPerson0003').set(bearer(owner)).expect(200)).body;
      return p.total === 1 ? p.items[0] : null;
    });
    await eventually(async () => {
      const d = (await t.http().get(`/api/members/${m.id}`).set(bearer(owner)).expect(200)).body;
      return d.identities.some((i: { type: string }) => i.type === 'unionid');
    });
    const after = await t.ds.query("SELECT token FROM channel_access_token WHERE kind = 'access'");
    expect(after[0].token).not.toBe(before[0].token);
  });
});
