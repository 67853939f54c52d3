import { WechatMessageCrypto } from '../src/wechat/crypto';
import { TestApp, bearer, eventually, startTestApp } from './harness';

const CORP = 'ww0a0b0c0d0e0f0a0b';
const TOKEN = 'wecomToken1';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

/** WeCom (played by the sandbox over real HTTP) pushing customer-contact events. */
describe('WeCom callbacks: customer contact events reach one member (MariaDB)', () => {
  let t: TestApp;
  let owner: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    await t.http().post('/api/channels').set(bearer(owner)).send({ type: 'wecom', name: '企业微信', corpId: CORP, agentId: 1000002, secret: 'wecom-secret-abcdef', token: TOKEN, encodingAesKey: AES_KEY }).expect(201);
  });
  afterAll(() => t.close());

  const emit = async (body: object) => (await t.http().post('/sandbox/wecom/emit').send({ corpId: CORP, ...body }).expect(200)).body;
  const memberOf = (externalUserId: string) =>
    eventually(async () => {
      const page = (await t.http().get(`/api/members?q=${externalUserId}`).set(bearer(owner)).expect(200)).body;
      return page.total === 1 ? page.items[0] : null;
    });
  const events = async (id: number) => (await t.http().get(`/api/members/${id}/events`).set(bearer(owner)).expect(200)).body.items as { type: string; properties: Record<string, unknown> }[];

  it('verifies the callback URL by decrypting echostr', async () => {
    const crypto = new WechatMessageCrypto({ token: TOKEN, encodingAesKey: AES_KEY, receiveId: CORP });
    const sealed = crypto.seal('echo-plain-123');
    const q = { msg_signature: sealed.msgSignature, timestamp: sealed.timestamp, nonce: sealed.nonce, echostr: sealed.encrypt };
    expect((await t.http().get(`/wechat/wecom/${CORP}/callback`).query(q).expect(200)).text).toBe('echo-plain-123');
    await t.http().get(`/wechat/wecom/${CORP}/callback`).query({ ...q, msg_signature: '0'.repeat(40) }).expect(401);
    const other = new WechatMessageCrypto({ token: TOKEN, encodingAesKey: AES_KEY, receiveId: 'wwsomeoneelse00000' }).seal('x');
    await t.http().get(`/wechat/wecom/${CORP}/callback`).query({ msg_signature: other.msgSignature, timestamp: other.timestamp, nonce: other.nonce, echostr: other.encrypt }).expect(401);
  });

  it('a customer adding a store staff member becomes a WeCom-reachable member with the staff on the event', async () => {
    expect((await emit({ kind: 'add_contact', userId: 'li_daogou', externalUserId: 'wmCustomer0001', state: 'store_SH01' })).status).toBe(200);
    const m = await memberOf('wmCustomer0001');
    expect(m.sourceChannel).toBe('wecom');
    await eventually(async () => (await events(m.id)).length === 1);
    const [e] = await events(m.id);
    expect(e).toMatchObject({ type: 'wecom.contact_added', properties: { staffUserId: 'li_daogou', externalUserId: 'wmCustomer0001', state: 'store_SH01' } });
    expect(String(e.properties.welcomeCode)).toMatch(/^WELCOME_/);
    const detail = (await t.http().get(`/api/members/${m.id}`).set(bearer(owner)).expect(200)).body;
    expect(detail.consent.wecom).toBe(true);
  });

  it('joining a group, and the customer deleting the staff member (churn), land on the timeline', async () => {
    await emit({ kind: 'join_group', externalUserId: 'wmCustomer0001', chatId: 'wrGroup01' });
    await emit({ kind: 'del_follow_user', userId: 'li_daogou', externalUserId: 'wmCustomer0001' });
    const m = await memberOf('wmCustomer0001');
    await eventually(async () => (await events(m.id)).length === 3);
    expect((await events(m.id)).map((e) => e.type)).toEqual(['wecom.staff_removed_by_contact', 'wecom.group_joined', 'wecom.contact_added']);
    await eventually(async () => !(await t.http().get(`/api/members/${m.id}`).set(bearer(owner)).expect(200)).body.consent.wecom);
  });

  it('a corp tag change is stored without a member; a replayed push is not stored twice', async () => {
    const r = await emit({ kind: 'tag_changed', tagId: 'etVIP', createTime: 1700000123 });
    await t.http().post(r.request.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')).set('content-type', 'text/xml').send(r.request.body).expect(200);
    const rows = await t.ds.query("SELECT member_id, status FROM event WHERE type = 'wecom.tag_changed'");
    expect(rows).toEqual([{ member_id: null, status: 'received' }]);
  });

  it('refuses pushes for unknown corps and tampered bodies with 4xx', async () => {
    const r = await emit({ kind: 'edit_contact', userId: 'u1', externalUserId: 'wmCustomer0002' });
    const path = r.request.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '');
    await t.http().post(path.replace(CORP, 'wwunknown000000000')).set('content-type', 'text/xml').send(r.request.body).expect(404);
    const tampered = r.request.body.replace(/<Encrypt><!\[CDATA\[(.)/, (_m: string, c: string) => `<Encrypt><![CDATA[${c === 'A' ? 'B' : 'A'}`);
    const res = await t.http().post(path).set('content-type', 'text/xml').send(tampered);
    expect(res.status).toBe(401);
    await t.http().post(path).set('content-type', 'text/xml').send('not xml at all').expect(400);
  });
});
