import { TestApp, bearer, startTestApp } from './harness';

describe('members, tags and custom attributes (MariaDB)', () => {
  let t: TestApp;
  let token: string;
  const auth = () => bearer(token);

  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_BODY_KB: '16' } });
    token = await t.login();
  });
  afterAll(() => t.close());

  it('creates a member with an encrypted phone, identities, birthday and typed attributes', async () => {
    await t.http().post('/api/attribute-definitions').set(auth()).send({ key: 'skin_type', label: '肤质', type: 'enum', options: ['干性', '油性'] }).expect(201);
    await t.http().post('/api/attribute-definitions').set(auth()).send({ key: 'annual_spend', label: '年消费', type: 'number' }).expect(201);
    const res = await t.http().post('/api/members').set(auth()).send({
      nickname: '林小雨',
      phone: '+86 139 1234 5678',
      gender: 'female',
      birthday: { month: 6, day: 18 },
      consent: { sms: true },
      identities: [{ type: 'unionid', value: 'oUnion_lin_0001' }, { type: 'mp_openid', appId: 'wxmini', value: 'o_mp_lin_0001' }],
      attributes: { skin_type: '干性', annual_spend: 3200 },
    }).expect(201);
    expect(res.body).toMatchObject({
      nickname: '林小雨',
      phoneMasked: '139****5678',
      birthday: { year: null, month: 6, day: 18 },
      consent: { oa: false, miniapp: false, wecom: false, sms: true },
      attributes: { skin_type: '干性', annual_spend: 3200 },
      sourceChannel: 'manual',
    });
    expect(res.body.identities.map((i: { type: string; value: string }) => `${i.type}:${i.value}`).sort()).toEqual(
      ['mp_openid:o_mp_lin_0001', 'phone:139****5678', 'unionid:oUnion_lin_0001'],
    );
    const [row] = await t.ds.query('SELECT phone_encrypted, phone_hash FROM member WHERE id = ?', [res.body.id]);
    expect(row.phone_encrypted).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('13912345678');
  });

  it('refuses bad input with the field named and never half-writes', async () => {
    const before = (await t.http().get('/api/members').set(auth()).expect(200)).body.total;
    const bad = await t.http().post('/api/members').set(auth()).send({ nickname: 'x', phone: '12ab', attributes: { skin_type: '湿性', nope: 1 } }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['attributes.nope', 'attributes.skin_type', 'phone']);
    const dupPhone = await t.http().post('/api/members').set(auth()).send({ nickname: 'y', phone: '13912345678' }).expect(409);
    expect(dupPhone.body.details[0].field).toBe('phone');
    const dupIdent = await t.http().post('/api/members').set(auth()).send({ identities: [{ type: 'unionid', value: 'oUnion_lin_0001' }] }).expect(409);
    expect(dupIdent.body.details[0].field).toBe('identities.0.value');
    await t.http().post('/api/members').set(auth()).send({ birthday: { month: 2, day: 30 } }).expect(400);
    await t.http().post('/api/members').set(auth()).send({ gender: 'other' }).expect(400);
    await t.http().get('/api/members/abc').set(auth()).expect(400);
    await t.http().get('/api/members/999999').set(auth()).expect(404);
    const big = await t.http().post('/api/members').set(auth()).send({ nickname: 'x'.repeat(20_000) }).expect(413);
    expect(big.body.statusCode).toBe(413);
    expect((await t.http().get('/api/members').set(auth()).expect(200)).body.total).toBe(before);
  });

  it('tags members, shows who tagged them, and filters by tag', async () => {
    const group = (await t.http().post('/api/tag-groups').set(auth()).send({ name: '客户价值' }).expect(201)).body;
    const vip = (await t.http().post('/api/tags').set(auth()).send({ name: 'VIP', groupId: group.id }).expect(201)).body;
    const dup = await t.http().post('/api/tags').set(auth()).send({ name: 'VIP' }).expect(409);
    expect(dup.body.details[0].field).toBe('name');
    await t.http().post('/api/tags').set(auth()).send({ name: 'x', groupId: 999999 }).expect(400);

    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await t.http().post('/api/members').set(auth()).send({ nickname: `标签会员${i}` }).expect(201)).body.id);
    const tagged = await t.http().post(`/api/members/${ids[0]}/tags`).set(auth()).send({ tagIds: [vip.id] }).expect(200);
    expect(tagged.body.tags).toEqual([expect.objectContaining({ id: vip.id, name: 'VIP', addedBy: 'owner', source: 'manual', groupId: group.id })]);
    await t.http().post(`/api/members/${ids[0]}/tags`).set(auth()).send({ tagIds: [999999] }).expect(400);

    const bulk = await t.http().post('/api/members/bulk-tags').set(auth()).send({ memberIds: ids.slice(0, 3), tagIds: [vip.id], action: 'add' }).expect(200);
    expect(bulk.body.affected).toBe(2); // ids[0] already had it
    const list = await t.http().get(`/api/members?tagId=${vip.id}`).set(auth()).expect(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((m: { id: number }) => m.id).sort()).toEqual(ids.slice(0, 3).sort());
    expect((await t.http().get(`/api/tags/${vip.id}`).set(auth()).expect(200)).body.memberCount).toBe(3);

    await t.http().delete(`/api/members/${ids[1]}/tags/${vip.id}`).set(auth()).expect(204);
    await t.http().post('/api/members/bulk-tags').set(auth()).send({ memberIds: [ids[2]], tagIds: [vip.id], action: 'remove' }).expect(200);
    expect((await t.http().get(`/api/members?tagId=${vip.id}`).set(auth()).expect(200)).body.total).toBe(1);
    expect((await t.http().get(`/api/tags/${vip.id}`).set(auth()).expect(200)).body.memberCount).toBe(1);

    await t.http().delete(`/api/tag-groups/${group.id}`).set(auth()).expect(409);
    await t.http().delete(`/api/tags/${vip.id}`).set(auth()).expect(204);
    const after = await t.http().get(`/api/members/${ids[0]}`).set(auth()).expect(200);
    expect(after.body.tags).toEqual([]);
  });

  it('pages with a cursor through every member exactly once, in order, for each sort', async () => {
    for (let i = 0; i < 12; i++) {
      await t.http().post('/api/members').set(auth()).send({ nickname: i % 3 ? `翻页${i}` : undefined, points: (i * 7) % 5, lifecycleStage: i % 2 ? 'active' : 'new' }).expect(201);
    }
    const total = (await t.http().get('/api/members?limit=1').set(auth()).expect(200)).body.total;
    for (const [sort, order] of [['createdAt', 'desc'], ['points', 'asc'], ['nickname', 'asc'], ['lastSeenAt', 'desc']]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `/api/members?limit=4&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await t.http().get(q).set(auth()).expect(200)).body;
        expect(page.total).toBe(total);
        seen.push(...page.items.map((m: { id: number }) => m.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(total);
      expect(seen).toHaveLength(total);
    }
    const wrongSort = (await t.http().get('/api/members?limit=2&sort=points').set(auth()).expect(200)).body.nextCursor;
    await t.http().get(`/api/members?limit=2&sort=createdAt&cursor=${wrongSort}`).set(auth()).expect(400);
    await t.http().get('/api/members?cursor=garbage').set(auth()).expect(400);
  });

  it('filters by text, phone, identity, stage, channel and dates', async () => {
    const q = async (qs: string) => (await t.http().get(`/api/members?${qs}`).set(auth()).expect(200)).body;
    expect((await q('q=小雨')).items[0].nickname).toBe('林小雨');
    expect((await q('q=13912345678')).items.map((m: { nickname: string }) => m.nickname)).toEqual(['林小雨']);
    expect((await q('q=oUnion_lin_0001')).total).toBe(1);
    expect((await q('q=o_mp_lin_0001')).total).toBe(1);
    expect((await q('q=%25')).total).toBe(0); // a literal %, not a wildcard
    const active = await q('stage=active&limit=200');
    expect(active.items.every((m: { lifecycleStage: string }) => m.lifecycleStage === 'active')).toBe(true);
    expect(active.total).toBe(6);
    expect((await q('channel=manual')).total).toBe((await q('')).total);
    expect((await q('channel=oa')).total).toBe(0);
    // dates are days in the brand's time zone (Asia/Shanghai by default), not UTC days
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.timezone }).format(new Date());
    expect((await q(`createdFrom=2000-01-01&createdTo=${today}`)).total).toBe((await q('')).total);
    expect((await q('createdTo=2000-01-01')).total).toBe(0);
    await t.http().get('/api/members?createdFrom=yesterday').set(auth()).expect(400);
    await t.http().get('/api/members?stage=sleepy').set(auth()).expect(400);
  });

  it('updates a profile, phone and attributes, and audits before and after', async () => {
    const id = (await t.http().get('/api/members?q=小雨').set(auth()).expect(200)).body.items[0].id;
    const res = await t.http().patch(`/api/members/${id}`).set(auth()).send({ city: '杭州', phone: '13800001111', attributes: { annual_spend: null, skin_type: '油性' } }).expect(200);
    expect(res.body).toMatchObject({ city: '杭州', phoneMasked: '138****1111', attributes: { skin_type: '油性' } });
    expect(res.body.attributes.annual_spend).toBeUndefined();
    expect((await t.http().get('/api/members?q=13912345678').set(auth()).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/api/members?q=13800001111').set(auth()).expect(200)).body.total).toBe(1);
    const log = (await t.http().get(`/api/audit-logs?entityType=member&entityId=${id}`).set(auth()).expect(200)).body.items[0];
    expect(log).toMatchObject({ action: 'member.update', before: { city: null, phoneMasked: '139****5678' }, after: { city: '杭州', phone: '138****1111' } });
    expect(JSON.stringify(log)).not.toContain('13800001111');
  });

  it('enforces attribute definitions: fixed key and type, options in use kept', async () => {
    const defs = (await t.http().get('/api/attribute-definitions').set(auth()).expect(200)).body as { id: number; key: string }[];
    const skin = defs.find((d) => d.key === 'skin_type')!;
    const res = await t.http().patch(`/api/attribute-definitions/${skin.id}`).set(auth()).send({ options: ['干性'] }).expect(400);
    expect(res.body.message).toContain('油性');
    await t.http().patch(`/api/attribute-definitions/${skin.id}`).set(auth()).send({ type: 'number' }).expect(400);
    await t.http().post('/api/attribute-definitions').set(auth()).send({ key: 'skin_type', label: 'x', type: 'string' }).expect(409);
    await t.http().post('/api/attribute-definitions').set(auth()).send({ key: 'color', label: 'x', type: 'enum' }).expect(400);
  });
});
