import { WecomApiService } from '../src/wechat/wecom/wecom-api.service';
import { WechatApiError } from '../src/wechat/wechat-http';
import { TestApp, bearer, startTestApp } from './harness';

const CORP = 'ww1a2b3c4d5e6f7a8b';

/** Our WeCom client against the sandbox qyapi over real HTTP: every method, token recovery, faults. */
describe('WeCom API client against the sandbox qyapi (MariaDB)', () => {
  let t: TestApp;
  let api: WecomApiService;

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await t.login();
    await t.http().post('/api/channels').set(bearer(owner)).send({ type: 'wecom', name: '企业微信', corpId: CORP, agentId: 1000002, secret: 'wecom-secret-abcdef', token: 'wecomToken1', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }).expect(201);
    api = t.app.get(WecomApiService);
  });
  afterAll(() => t.close());
  afterEach(async () => {
    await t.http().delete('/sandbox/faults').expect(204);
  });

  const emit = async (body: object) => t.http().post('/sandbox/wecom/emit').send({ corpId: CORP, ...body }).expect(200);
  const calls = async (api: string) => (await t.http().get('/sandbox/calls').query({ api }).expect(200)).body as { api: string; response: { errcode?: number } }[];
  const rejection = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e as WechatApiError;
    }
    throw new Error('expected the call to fail');
  };

  it('reads the seeded directory: departments with leaders, staff of a department with details', async () => {
    const depts = await api.listDepartments(CORP);
    expect(depts.map((d) => [d.id, d.name, d.parentid])).toEqual([[1, '总部', 0], [2, '上海南京西路店', 1], [3, '北京三里屯店', 1]]);
    expect(depts.find((d) => d.id === 2)?.department_leader).toEqual(['li_na']);
    expect((await api.listDepartments(CORP, 3)).map((d) => d.id)).toEqual([3]);
    const staff = await api.listUsers(CORP, 2);
    expect(staff.map((u) => [u.userid, u.name, u.position, u.is_leader_in_dept, u.status])).toEqual([
      ['li_na', '李娜', '店长', [1], 1],
      ['wang_fang', '王芳', '导购', [0], 1],
    ]);
    expect(staff[0].mobile).toMatch(/^1\d{10}$/);
    expect((await api.listUsers(CORP, 1, { fetchChild: true })).length).toBe(5);
    expect(await rejection(api.listUsers(CORP, 999))).toMatchObject({ errcode: 60123, kind: 'permanent' });
  });

  it('the directory control endpoint adds a store department and its staff, and refuses a broken tree', async () => {
    await t.http().post('/sandbox/wecom/directory').send({
      corpId: CORP,
      departments: [{ id: 4, name: '杭州湖滨店', parentId: 1 }],
      users: [{ userid: 'zhao_lei', name: '赵磊', departments: [4], position: '店长', mobile: '13800138009', leaderOf: [4] }],
    }).expect(200);
    expect((await api.listUsers(CORP, 4)).map((u) => u.userid)).toEqual(['zhao_lei']);
    expect((await api.listDepartments(CORP, 4))[0].department_leader).toEqual(['zhao_lei']);
    const bad = await t.http().post('/sandbox/wecom/directory').send({ corpId: CORP, users: [{ userid: 'x1', name: 'x', departments: [77] }] }).expect(400);
    expect(bad.body.message).toContain('unknown department 77');
    await t.http().post('/sandbox/wecom/directory').send({ corpId: 'ww0000000000000000', departments: [] }).expect(400);
  });

  it('a customer added through a push is listed, read with the staff who follows them, and gone once removed', async () => {
    await emit({ kind: 'add_contact', userId: 'li_na', externalUserId: 'wmApiCustomer01', state: 'store_SH01', unionid: 'oUapiPerson0001' });
    expect(await api.listExternalContacts(CORP, 'li_na')).toEqual(['wmApiCustomer01']);
    expect(await api.listExternalContacts(CORP, 'wang_fang')).toEqual([]);
    expect(await rejection(api.listExternalContacts(CORP, 'nobody_here'))).toMatchObject({ errcode: 60111 });
    expect(await api.getFollowUserList(CORP)).toEqual(expect.arrayContaining(['li_na', 'wang_fang', 'zhao_lei']));
    const c = await api.getExternalContact(CORP, 'wmApiCustomer01');
    expect(c.external_contact).toMatchObject({ external_userid: 'wmApiCustomer01', type: 1, unionid: 'oUapiPerson0001' });
    expect(c.follow_user).toEqual([expect.objectContaining({ userid: 'li_na', state: 'store_SH01', tags: [] })]);
    expect(c.follow_user[0].createtime).toBeGreaterThan(1_600_000_000);

    await t.http().post('/sandbox/wecom/customers').send({ corpId: CORP, userId: 'wang_fang', externalUserId: 'wmApiCustomer01', addWay: 202 }).expect(200);
    expect((await api.getExternalContact(CORP, 'wmApiCustomer01')).follow_user.map((f) => f.userid).sort()).toEqual(['li_na', 'wang_fang']);
    await emit({ kind: 'del_follow_user', userId: 'wang_fang', externalUserId: 'wmApiCustomer01' });
    expect(await api.listExternalContacts(CORP, 'wang_fang')).toEqual([]);
    await emit({ kind: 'add_contact', userId: 'chen_jing', externalUserId: 'wmApiCustomer02' });
    await emit({ kind: 'del_contact', userId: 'chen_jing', externalUserId: 'wmApiCustomer02' });
    expect(await rejection(api.getExternalContact(CORP, 'wmApiCustomer02'))).toMatchObject({ errcode: 84061, kind: 'permanent' });
  });

  it('corp tags: the library, a new group with tags, marking a customer (and refusing bad ids)', async () => {
    const library = await api.getCorpTagList(CORP);
    expect(library.map((g) => g.group_name)).toEqual(['客户等级', '购买意向']);
    const added = await api.addCorpTag(CORP, { group_name: '到店频次', tag: [{ name: '每周' }, { name: '每月' }] });
    expect(added.tag.map((x) => x.name)).toEqual(['每周', '每月']);
    expect(added.tag[0].id).toMatch(/^et/);
    expect(await rejection(api.addCorpTag(CORP, { group_id: added.group_id, tag: [{ name: '每周' }] }))).toMatchObject({ errcode: 40071 });
    expect((await api.getCorpTagList(CORP, { group_id: [added.group_id] }))[0].tag).toHaveLength(2);

    await api.markTag(CORP, { userid: 'li_na', external_userid: 'wmApiCustomer01', add_tag: [added.tag[0].id] });
    const [f] = (await api.getExternalContact(CORP, 'wmApiCustomer01')).follow_user;
    expect(f.tags).toEqual([{ group_name: '到店频次', tag_name: '每周', tag_id: added.tag[0].id, type: 1 }]);
    expect(await rejection(api.markTag(CORP, { userid: 'li_na', external_userid: 'wmApiCustomer01', add_tag: ['etNoSuchTag'] }))).toMatchObject({ errcode: 40068 });
    expect(await rejection(api.markTag(CORP, { userid: 'liu_yang', external_userid: 'wmApiCustomer01', add_tag: [added.tag[0].id] }))).toMatchObject({ errcode: 84061 });
  });

  it('app messages reach the staff they name; unknown userids come back as invalid; all unknown is 81013', async () => {
    const r = await api.sendAppMessage(CORP, { touser: ['li_na', 'ghost_user'], msgtype: 'textcard', textcard: { title: '新线索', description: '王女士领取了优惠券', url: 'https://example.com/leads/1' } });
    expect(r.invalidUsers).toEqual(['ghost_user']);
    expect(r.msgid).toBeTruthy();
    const got = (await t.http().get('/sandbox/wecom/messages').query({ corpId: CORP, userId: 'li_na' }).expect(200)).body;
    expect(got).toEqual([expect.objectContaining({ msgid: r.msgid, userId: 'li_na', agentid: 1000002, msgtype: 'textcard', content: expect.objectContaining({ title: '新线索' }) })]);
    expect(await rejection(api.sendAppMessage(CORP, { touser: ['ghost_user'], msgtype: 'text', text: { content: 'hi' } }))).toMatchObject({ errcode: 81013 });
    expect(await rejection(api.sendAppMessage(CORP, { touser: ['li_na'], msgtype: 'text', text: { content: '' } }))).toMatchObject({ errcode: 44004 });
  });

  it('a customer mass message waits for the sender, fails customers they do not serve, and reports per customer', async () => {
    const task = await api.addMsgTemplate(CORP, {
      chat_type: 'single', sender: 'li_na', external_userid: ['wmApiCustomer01', 'wmNotACustomer'],
      text: { content: '周末会员日，全场 8 折' }, attachments: [{ msgtype: 'link', link: { title: '活动详情', url: 'https://example.com/events/1' } }],
    });
    expect(task.fail_list).toEqual(['wmNotACustomer']);
    expect(await api.getGroupMsgSendResult(CORP, task.msgid, 'li_na')).toEqual([{ external_userid: 'wmApiCustomer01', userid: 'li_na', status: 0 }]);
    await t.http().post(`/sandbox/wecom/msg-templates/${task.msgid}/send`).send({}).expect(200);
    const [sent] = await api.getGroupMsgSendResult(CORP, task.msgid, 'li_na');
    expect(sent).toMatchObject({ status: 1, send_time: expect.any(Number) });
    expect(await rejection(api.addMsgTemplate(CORP, { chat_type: 'single', sender: 'li_na', external_userid: ['wmNotACustomer'], text: { content: 'x' } }))).toMatchObject({ errcode: 41048 });
    expect(await rejection(api.getGroupMsgSendResult(CORP, 'msgUnknown', 'li_na'))).toMatchObject({ errcode: 41047 });
    await t.http().post('/sandbox/wecom/msg-templates/msgUnknown/send').send({}).expect(404);
  });

  it('recovers from an expired token: one 42001, one new token, then the answer', async () => {
    await t.http().delete('/sandbox/calls').expect(204);
    await t.http().post('/sandbox/tokens/expire').expect(204);
    expect(await api.getFollowUserList(CORP)).toContain('li_na');
    expect((await calls('/qyapi/cgi-bin/externalcontact/get_follow_user_list')).map((c) => c.response.errcode)).toEqual([42001, 0]);
    expect(await calls('/qyapi/cgi-bin/gettoken')).toHaveLength(1);
  });

  it('retries a transient failure (busy, HTTP 503) and surfaces it once retries are used up', async () => {
    await t.http().delete('/sandbox/calls').expect(204);
    await t.http().post('/sandbox/faults').send({ api: '/qyapi/cgi-bin/department/list', errcode: -1, errmsg: 'system busy', times: 1 }).expect(200);
    expect((await api.listDepartments(CORP)).length).toBeGreaterThan(0);
    await t.http().post('/sandbox/faults').send({ api: '/qyapi/cgi-bin/department/list', httpStatus: 503, times: 2 }).expect(200);
    expect((await api.listDepartments(CORP)).length).toBeGreaterThan(0);
    expect(await calls('/qyapi/cgi-bin/department/list')).toHaveLength(5);
    await t.http().post('/sandbox/faults').send({ api: '/qyapi/cgi-bin/department/list', httpStatus: 502, times: 3 }).expect(200);
    expect(await rejection(api.listDepartments(CORP))).toMatchObject({ kind: 'transient', httpStatus: 502 });
  });

  it('surfaces a permanent errcode at once, typed, without retrying', async () => {
    await t.http().delete('/sandbox/calls').expect(204);
    await t.http().post('/sandbox/faults').send({ api: '/qyapi/cgi-bin/user/list', errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent', times: 1 }).expect(200);
    const e = await rejection(api.listUsers(CORP, 1));
    expect(e).toBeInstanceOf(WechatApiError);
    expect(e).toMatchObject({ errcode: 60011, kind: 'permanent', api: expect.stringMatching(/\/cgi-bin\/user\/list$/) });
    expect(await calls('/qyapi/cgi-bin/user/list')).toHaveLength(1);
    expect(await rejection(api.listUsers('ww9999999999999999', 1))).toMatchObject({ errcode: 40013, kind: 'bad_credentials' });
  });
});
