import { TestApp, bearer, eventually, startTestApp } from './harness';

const APPID = 'wx0a0b0c0d0e0f0a0f';

/** The OA's passive replies: a welcome on follow, keyword answers and a fallback, sent in the push's own answer. */
describe('OA auto replies (MariaDB + sandbox)', () => {
  let t: TestApp;
  let owner: string;
  let staff: string;
  let accountId: number;
  const h = () => t.http();
  const emit = async (body: object) => (await h().post('/sandbox/oa/emit').send({ appId: APPID, ...body }).expect(200)).body;
  const rule = async (body: object) => (await h().post('/api/oa/auto-replies').set(bearer(owner)).send(body).expect(201)).body;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    accountId = (await h().post('/api/channels').set(bearer(owner)).send({ type: 'oa', name: '服务号', appId: APPID, secret: 'oa-secret-replies', token: 'tokReplies', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }).expect(201)).body.id;
    const store = (await h().post('/api/stores').set(bearer(owner)).send({ name: '门店', code: 'R1' }).expect(201)).body.id;
    await h().post('/api/users').set(bearer(owner)).send({ username: 'r_staff', password: 'Passw0rd!x', displayName: 'r', role: 'store_staff', storeIds: [store] }).expect(201);
    staff = await t.login('r_staff', 'Passw0rd!x');
  });
  afterAll(() => t.close());

  it('answers "success" while no rule says otherwise', async () => {
    const res = await emit({ kind: 'subscribe', openid: 'oReply000001' });
    expect(res).toMatchObject({ status: 200, body: 'success' });
    expect(res.reply).toBeUndefined();
  });

  it('welcomes a follower in the encrypted reply of a safe-mode push, and answers keywords and other messages', async () => {
    await rule({ trigger: 'subscribe', reply: '欢迎关注！回复「会员」查看权益' });
    await rule({ trigger: 'keyword', keyword: '会员', reply: '会员权益：每月领券' });
    await rule({ trigger: 'keyword', keyword: '优惠', match: 'contains', reply: '本周优惠在菜单「活动」里' });
    const fallback = await rule({ trigger: 'message', reply: '收到，我们会尽快回复' });

    const welcome = await emit({ kind: 'subscribe', openid: 'oReply000002' });
    expect(welcome.body).toContain('<Encrypt>');
    expect(welcome.reply).toEqual({ msgType: 'text', content: '欢迎关注！回复「会员」查看权益', toUser: 'oReply000002' });

    expect((await emit({ kind: 'text', openid: 'oReply000002', content: '会员' })).reply.content).toBe('会员权益：每月领券');
    expect((await emit({ kind: 'text', openid: 'oReply000002', content: '有什么优惠？' })).reply.content).toBe('本周优惠在菜单「活动」里');
    const plain = await emit({ kind: 'text', openid: 'oReply000002', content: '在吗', mode: 'plain' });
    expect(plain.body).toContain('<Content><![CDATA[收到，我们会尽快回复]]></Content>');
    expect(plain.reply.content).toBe('收到，我们会尽快回复');

    // the messages are still events on the member's timeline
    const m = await eventually(async () => {
      const p = (await h().get('/api/members?q=oReply000002').set(bearer(owner)).expect(200)).body;
      return p.total === 1 ? p.items[0] : null;
    });
    await eventually(async () => ((await h().get(`/api/members/${m.id}/events?type=oa.message`).set(bearer(owner)).expect(200)).body.items as unknown[]).length === 3);

    // a rule for this account beats the brand-wide one; a disabled rule is silent
    await rule({ trigger: 'message', accountId, reply: '服务号专属回复' });
    expect((await emit({ kind: 'text', openid: 'oReply000002', content: '你好' })).reply.content).toBe('服务号专属回复');
    const list = (await h().get('/api/oa/auto-replies').set(bearer(owner)).expect(200)).body as { id: number; trigger: string }[];
    for (const r of list.filter((x) => x.trigger === 'message')) await h().patch(`/api/oa/auto-replies/${r.id}`).set(bearer(owner)).send({ enabled: false }).expect(200);
    expect((await emit({ kind: 'text', openid: 'oReply000002', content: '你好' })).body).toBe('success');
    await h().delete(`/api/oa/auto-replies/${fallback.id}`).set(bearer(owner)).expect(204);
    await h().delete(`/api/oa/auto-replies/${fallback.id}`).set(bearer(owner)).expect(404);
  });

  it('refuses rules that make no sense, and store roles', async () => {
    const noKeyword = await h().post('/api/oa/auto-replies').set(bearer(owner)).send({ trigger: 'keyword', reply: 'x' }).expect(400);
    expect(noKeyword.body.details).toEqual([{ field: 'keyword', message: 'required for keyword rules' }]);
    await h().post('/api/oa/auto-replies').set(bearer(owner)).send({ trigger: 'welcome', reply: 'x' }).expect(400);
    await h().post('/api/oa/auto-replies').set(bearer(owner)).send({ trigger: 'subscribe', reply: 'x'.repeat(601) }).expect(400);
    const mp = (await h().post('/api/channels').set(bearer(owner)).send({ type: 'miniapp', name: '小程序', appId: 'wxminiappreply001', secret: 'mp-secret-reply1' }).expect(201)).body.id;
    await h().post('/api/oa/auto-replies').set(bearer(owner)).send({ trigger: 'subscribe', accountId: mp, reply: 'x' }).expect(400);
    await h().patch('/api/oa/auto-replies/99999').set(bearer(owner)).send({ reply: 'y' }).expect(404);
    await h().get('/api/oa/auto-replies').set(bearer(staff)).expect(403);
    await h().post('/api/oa/auto-replies').set(bearer(staff)).send({ trigger: 'subscribe', reply: 'x' }).expect(403);
  });
});
