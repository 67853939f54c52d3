import { TestApp, bearer, eventually, startTestApp } from './harness';

const APPID = 'wx0a0b0c0d0e0f0a0e';

interface Call {
  id: number;
  body: { openid_list?: string[]; tagid?: number };
}

/** Our tags kept in step with the OA's user tags, both ways, without echoing changes back. */
describe('tag sync with OA user tags (MariaDB + sandbox)', () => {
  let t: TestApp;
  let owner: string;
  let staff: string;
  let accountId: number;
  let vip: number;
  let linkId: number;
  let oaTagId: number;
  const members: Record<string, number> = {};
  const h = () => t.http();

  const calls = async (api: string): Promise<Call[]> => (await h().get(`/sandbox/calls?api=${api}`).expect(200)).body;
  const tagged = async () => (await calls('/cgi-bin/tags/members/batchtagging')).flatMap((c) => c.body.openid_list ?? []);
  const untagged = async () => (await calls('/cgi-bin/tags/members/batchuntagging')).flatMap((c) => c.body.openid_list ?? []);
  const link = async () => ((await h().get(`/api/tags/${vip}/links`).set(bearer(owner)).expect(200)).body as { id: number; lastResult: string | null; lastError: string | null }[]).find((l) => l.id === linkId)!;
  const tagsOf = async (openid: string) => (await h().get(`/api/members/${members[openid]}`).set(bearer(owner)).expect(200)).body.tags as { id: number; source: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    accountId = (await h().post('/api/channels').set(bearer(owner)).send({ type: 'oa', name: '品牌服务号', appId: APPID, secret: 'oa-secret-tagsync', token: 'tok', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }).expect(201)).body.id;
    const store = (await h().post('/api/stores').set(bearer(owner)).send({ name: '门店', code: 'T1' }).expect(201)).body.id;
    await h().post('/api/users').set(bearer(owner)).send({ username: 't_staff', password: 'Passw0rd!x', displayName: 't', role: 'store_staff', storeIds: [store] }).expect(201);
    staff = await t.login('t_staff', 'Passw0rd!x');
    for (const openid of ['oTagSync0001', 'oTagSync0002', 'oTagSync0003', 'oTagSync0004']) {
      await h().post('/sandbox/oa/emit').send({ appId: APPID, kind: 'subscribe', openid }).expect(200);
      members[openid] = (
        await eventually(async () => {
          const p = (await h().get(`/api/members?q=${openid}`).set(bearer(owner)).expect(200)).body;
          return p.total === 1 ? p.items[0] : null;
        })
      ).id;
    }
    vip = (await h().post('/api/tags').set(bearer(owner)).send({ name: '高价值' }).expect(201)).body.id;
    await h().post(`/api/members/${members.oTagSync0001}/tags`).set(bearer(owner)).send({ tagIds: [vip] }).expect(200);
  });
  afterAll(() => t.close());

  it('linking creates the OA tag and brings the members already tagged here over to WeChat', async () => {
    const res = (await h().post(`/api/tags/${vip}/links`).set(bearer(owner)).send({ accountId }).expect(201)).body;
    expect(res).toMatchObject({ tagId: vip, accountId, channelType: 'oa', externalName: '高价值' });
    linkId = res.id;
    oaTagId = Number(res.externalTagId);
    expect(oaTagId).toBeGreaterThanOrEqual(100);
    await eventually(async () => (await link()).lastResult === 'pulled 0, pushed 1');
    expect(await tagged()).toEqual(['oTagSync0001']);
    const wechat = (await h().get(`/api/channels/${accountId}/wechat-tags`).set(bearer(owner)).expect(200)).body;
    expect(wechat).toEqual(expect.arrayContaining([{ id: String(oaTagId), name: '高价值', group: null, count: 1 }]));
  });

  it('tagging and untagging here follows on the OA', async () => {
    await h().post(`/api/members/${members.oTagSync0002}/tags`).set(bearer(owner)).send({ tagIds: [vip] }).expect(200);
    await eventually(async () => (await tagged()).includes('oTagSync0002'));
    await h().delete(`/api/members/${members.oTagSync0001}/tags/${vip}`).set(bearer(owner)).expect(204);
    await eventually(async () => (await untagged()).includes('oTagSync0001'));
    await h().post('/api/members/bulk-tags').set(bearer(owner)).send({ memberIds: [members.oTagSync0004], tagIds: [vip], action: 'add' }).expect(200);
    await eventually(async () => (await tagged()).includes('oTagSync0004'));
  });

  it('a tag set in the OA backend comes here on a sync, and is not sent back', async () => {
    await h().post(`/sandbox/oa/tags/${oaTagId}/members`).send({ appId: APPID, openids: ['oTagSync0003'] }).expect(200);
    await h().post(`/api/tags/${vip}/links/${linkId}/sync`).set(bearer(owner)).expect(202);
    await eventually(async () => (await link()).lastResult === 'pulled 1, pushed 0');
    const tags = await tagsOf('oTagSync0003');
    expect(tags.find((x) => x.id === vip)).toMatchObject({ source: 'wechat' });
    // the pulled tag must not be echoed to the account it came from
    await h().post(`/api/members/${members.oTagSync0002}/tags`).set(bearer(owner)).send({ tagIds: [vip] }).expect(200);
    expect(await tagged()).not.toContain('oTagSync0003');
  });

  it('someone who unfollowed is left out instead of failing the batch', async () => {
    await h().post('/sandbox/oa/emit').send({ appId: APPID, kind: 'unsubscribe', openid: 'oTagSync0002' }).expect(200);
    await eventually(async () => (await h().get(`/api/members/${members.oTagSync0002}`).set(bearer(owner)).expect(200)).body.consent.oa === false);
    const before = (await untagged()).length;
    await h().delete(`/api/members/${members.oTagSync0002}/tags/${vip}`).set(bearer(owner)).expect(204);
    await h().delete(`/api/members/${members.oTagSync0004}/tags/${vip}`).set(bearer(owner)).expect(204);
    await eventually(async () => (await untagged()).includes('oTagSync0004'));
    expect((await untagged()).slice(before)).toEqual(['oTagSync0004']);
    expect((await link()).lastError).toBeNull();
  });

  it('links an existing WeChat tag, and refuses what makes no sense', async () => {
    const star = (await h().post('/api/tags').set(bearer(owner)).send({ name: '星标' }).expect(201)).body.id;
    const wechat = (await h().get(`/api/channels/${accountId}/wechat-tags`).set(bearer(owner)).expect(200)).body as { id: string; name: string }[];
    const starred = wechat.find((x) => x.name === '星标组')!;
    await h().post(`/api/tags/${star}/links`).set(bearer(owner)).send({ accountId, externalTagId: starred.id }).expect(201);
    expect((await h().post(`/api/tags/${star}/links`).set(bearer(owner)).send({ accountId, externalTagId: starred.id }).expect(409)).body.message).toContain('already linked');
    const other = (await h().post('/api/tags').set(bearer(owner)).send({ name: '另一个' }).expect(201)).body.id;
    await h().post(`/api/tags/${other}/links`).set(bearer(owner)).send({ accountId, externalTagId: starred.id }).expect(409);
    await h().post(`/api/tags/${other}/links`).set(bearer(owner)).send({ accountId, externalTagId: '99999' }).expect(400);
    await h().post(`/api/tags/${other}/links`).set(bearer(owner)).send({ accountId: 'x' }).expect(400);
    await h().post('/api/tags/999999/links').set(bearer(owner)).send({ accountId }).expect(404);
    const mp = (await h().post('/api/channels').set(bearer(owner)).send({ type: 'miniapp', name: '小程序', appId: 'wxminiapptags0001', secret: 'mp-secret-tags1' }).expect(201)).body.id;
    expect((await h().post(`/api/tags/${other}/links`).set(bearer(owner)).send({ accountId: mp }).expect(400)).body.message).toContain('tags live on Official Accounts and WeCom');
    await h().post(`/api/tags/${other}/links`).set(bearer(staff)).send({ accountId }).expect(403);
    await h().get(`/api/tags/${vip}/links`).set(bearer(staff)).expect(403);
    await h().get(`/api/channels/${accountId}/wechat-tags`).set(bearer(staff)).expect(403);
  });

  it('after unlinking, changes stay here', async () => {
    await h().delete(`/api/tags/${vip}/links/${linkId}`).set(bearer(owner)).expect(204);
    const before = (await tagged()).length;
    await h().post(`/api/members/${members.oTagSync0001}/tags`).set(bearer(owner)).send({ tagIds: [vip] }).expect(200);
    // give a wrongly queued push the time to show up: a later change that is pushed (on another link) proves the queue moved on
    const star = ((await h().get('/api/tags').set(bearer(owner)).expect(200)).body as { id: number; name: string }[]).find((x) => x.name === '星标')!.id;
    await h().post(`/api/members/${members.oTagSync0003}/tags`).set(bearer(owner)).send({ tagIds: [star] }).expect(200);
    await eventually(async () => (await calls('/cgi-bin/tags/members/batchtagging')).some((c) => c.body.tagid === 2));
    expect((await tagged()).slice(before).filter((o) => o === 'oTagSync0001')).toEqual([]);
    await h().delete(`/api/tags/${vip}/links/${linkId}`).set(bearer(owner)).expect(404);
  });
});

/** Our tags kept in step with WeCom corp tags: pushed through the serving staff member, and back from contact edits. */
describe('tag sync with WeCom corp tags (MariaDB + sandbox)', () => {
  const CORP = 'wwTagSyncCorp0001';
  let t: TestApp;
  let owner: string;
  let accountId: number;
  let tagId: number;
  let corpTag: string;
  let member: number;
  const h = () => t.http();
  const markTagCalls = async () => (await h().get('/sandbox/calls?api=/qyapi/cgi-bin/externalcontact/mark_tag').expect(200)).body as { body: { userid: string; external_userid: string; add_tag?: string[]; remove_tag?: string[] } }[];
  const memberTags = async () => (await h().get(`/api/members/${member}`).set(bearer(owner)).expect(200)).body.tags as { id: number; source: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    accountId = (
      await h().post('/api/channels').set(bearer(owner)).send({ type: 'wecom', name: '企业微信', corpId: CORP, agentId: 1000002, secret: 'wecom-secret-tags01', token: 'wecomTokenTags', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }).expect(201)
    ).body.id;
    await h().post('/sandbox/wecom/emit').send({ corpId: CORP, kind: 'add_contact', userId: 'li_na', externalUserId: 'wmTagSyncCustomer1' }).expect(200);
    member = (
      await eventually(async () => {
        const p = (await h().get('/api/members?q=wmTagSyncCustomer1').set(bearer(owner)).expect(200)).body;
        return p.total === 1 ? p.items[0] : null;
      })
    ).id;
    await eventually(async () => ((await h().get(`/api/members/${member}/wecom-staff`).set(bearer(owner)).expect(200)).body as unknown[]).length === 1);
    tagId = (await h().post('/api/tags').set(bearer(owner)).send({ name: '会员日' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('linking creates a corp tag in the SCRM group; tagging here marks the customer through the staff member who serves them', async () => {
    const link = (await h().post(`/api/tags/${tagId}/links`).set(bearer(owner)).send({ accountId }).expect(201)).body;
    expect(link).toMatchObject({ channelType: 'wecom', externalName: '会员日' });
    corpTag = link.externalTagId;
    const corpTags = (await h().get(`/api/channels/${accountId}/wechat-tags`).set(bearer(owner)).expect(200)).body;
    expect(corpTags).toEqual(expect.arrayContaining([{ id: corpTag, name: '会员日', group: 'SCRM', count: null }]));

    await h().post(`/api/members/${member}/tags`).set(bearer(owner)).send({ tagIds: [tagId] }).expect(200);
    await eventually(async () => (await markTagCalls()).some((c) => c.body.add_tag?.includes(corpTag)));
    expect((await markTagCalls()).at(-1)!.body).toMatchObject({ userid: 'li_na', external_userid: 'wmTagSyncCustomer1', add_tag: [corpTag] });
  });

  it('a staff member changing tags in WeCom changes ours, without echoing it back', async () => {
    const before = (await markTagCalls()).length;
    await h().post('/sandbox/wecom/customers/tags').send({ corpId: CORP, userId: 'li_na', externalUserId: 'wmTagSyncCustomer1', removeTagIds: [corpTag] }).expect(200);
    await eventually(async () => !(await memberTags()).some((x) => x.id === tagId));
    // a later edit (its own CreateTime: WeCom's pushes within one second dedupe as one)
    const later = Math.floor(Date.now() / 1000) + 5;
    await h().post('/sandbox/wecom/customers/tags').send({ corpId: CORP, userId: 'li_na', externalUserId: 'wmTagSyncCustomer1', addTagIds: [corpTag], createTime: later }).expect(200);
    const back = await eventually(async () => (await memberTags()).find((x) => x.id === tagId));
    expect(back.source).toBe('wechat');
    expect((await markTagCalls()).length).toBe(before);
  });

  it('a linked corp tag deleted in WeCom shows on the link', async () => {
    await h().post('/sandbox/wecom/emit').send({ corpId: CORP, kind: 'tag_changed', tagId: corpTag, tagChangeType: 'delete' }).expect(200);
    const link = await eventually(async () => {
      const [l] = (await h().get(`/api/tags/${tagId}/links`).set(bearer(owner)).expect(200)).body as { lastError: string | null }[];
      return l.lastError ? l : null;
    });
    expect(link.lastError).toContain('deleted');
  });

  it('refuses a tag change WeCom itself would refuse in the sandbox', async () => {
    await h().post('/sandbox/wecom/customers/tags').send({ corpId: CORP, userId: 'li_na', externalUserId: 'wmTagSyncCustomer1', addTagIds: ['etNoSuchTag'] }).expect(400);
  });
});
