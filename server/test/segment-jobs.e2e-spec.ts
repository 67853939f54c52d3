import { parse } from 'csv-parse/sync';
import { TestApp, bearer, eventually, startTestApp } from './harness';

interface Job {
  id: number;
  kind: string;
  status: string;
  segmentId: number | null;
  total: number;
  processed: number;
  percent: number;
  matched: number;
  unmatched: number;
  added: number;
  error: string | null;
  fileUrl: string | null;
  errorsUrl: string | null;
}

/**
 * Segment exports and imports as jobs: on MariaDB with BullMQ on Redis (production's queue mode)
 * and on the embedded SQLite with the inline queue.
 */
describe.each([
  ['MariaDB + BullMQ', { redis: true }],
  ['embedded SQLite, inline jobs', { db: 'sqlite' as const }],
])('segment export and import jobs (%s)', (_name, opts) => {
  let t: TestApp;
  let owner: string;
  let manager: string;
  const ids: Record<string, number> = {};
  const h = () => t.http();
  const auth = () => bearer(owner);

  const finished = (jobId: number) =>
    eventually(async () => {
      const j = (await h().get(`/api/segment-jobs/${jobId}`).set(auth()).expect(200)).body as Job;
      return j.status === 'done' || j.status === 'failed' ? j : null;
    }, 30_000);
  const upload = (path: string, csv: string | Buffer, fields: Record<string, string> = {}, name = 'list.csv') => {
    const req = h().post(path).set(auth());
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), { filename: name, contentType: 'text/csv' });
  };
  const segmentMemberIds = async (segmentId: number) => {
    const out: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = (await h().get(`/api/segments/${segmentId}/members`).query({ limit: 200, ...(cursor ? { cursor } : {}) }).set(auth()).expect(200)).body;
      out.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    return out.sort((a, b) => a - b);
  };

  beforeAll(async () => {
    t = await startTestApp(opts);
    owner = await t.login();
    const store = (await h().post('/api/stores').set(auth()).send({ name: '上海店', code: 'SH01' }).expect(201)).body.id;
    await h().post('/api/users').set(auth()).send({ username: 'seg_manager', password: 'Passw0rd!x', displayName: '店长', role: 'store_manager', storeIds: [store] }).expect(201);
    manager = await t.login('seg_manager', 'Passw0rd!x');
    const vip = (await h().post('/api/tags').set(auth()).send({ name: 'VIP' }).expect(201)).body.id;
    await h().post('/api/attribute-definitions').set(auth()).send({ key: 'skin_type', label: '肤质', type: 'enum', options: ['干性', '油性'] }).expect(201);
    const make = async (key: string, body: object) => (ids[key] = (await h().post('/api/members').set(auth()).send(body).expect(201)).body.id);
    await make('zhang', { nickname: '张三', phone: '13900000001', city: '上海', storeId: store, attributes: { skin_type: '干性' } });
    await make('li', { nickname: '李四', city: '上海', identities: [{ type: 'unionid', value: 'oUnion_seg_li' }] });
    await make('wang', { nickname: '王五', city: '北京', identities: [{ type: 'mp_openid', appId: t.config.wechat.miniappAppId, value: 'oMp_seg_wang' }] });
    await make('zhao', { nickname: '赵六', city: '北京', identities: [{ type: 'wecom_external_userid', appId: 'wwseg0corp', value: 'wmSegZhao' }] });
    await h().post(`/api/members/${ids.zhang}/tags`).set(auth()).send({ tagIds: [vip] }).expect(200);
  });
  afterAll(() => t.close());

  it('exports a segment as a CSV file with the member export columns, page by page', async () => {
    // 2,100 more members in Hangzhou, so the export walks more than one page of 2,000
    for (let i = 0; i < 2100; i += 300) {
      const n = Math.min(300, 2100 - i);
      await t.ds.query(`INSERT INTO member (nickname, city) VALUES ${Array(n).fill('(?, ?)').join(', ')}`, Array.from({ length: n }, (_, k) => [`杭州会员${i + k}`, '杭州']).flat());
    }
    const city = async (name: string) => (await h().post('/api/segments').set(auth()).send({ name: `${name}会员`, type: 'dynamic', rule: { kind: 'attribute', field: 'city', operator: 'eq', value: name } }).expect(201)).body.id as number;
    const shanghai = await city('上海');
    const hangzhou = await city('杭州');

    const started = (await h().post(`/api/segments/${shanghai}/exports`).set(auth()).expect(202)).body as Job;
    expect(started).toMatchObject({ kind: 'export', segmentId: shanghai, fileUrl: null });
    expect(['queued', 'running', 'done']).toContain(started.status);
    const job = await finished(started.id);
    expect(job).toMatchObject({ status: 'done', percent: 100, total: 2, processed: 2, fileUrl: `/api/segment-jobs/${started.id}/file` });

    const file = await h().get(job.fileUrl!).set(auth()).buffer(true).expect(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="segment-\d+-\d{8}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(file.headers['content-disposition'].split("UTF-8''")[1])).toMatch(/^上海会员-\d{8}\.csv$/);
    expect(file.text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(file.text, { bom: true, columns: true }) as Record<string, string>[];
    const memberExport = await h().get('/api/members/export.csv').set(auth()).expect(200);
    expect(file.text.split('\n')[0]).toBe(memberExport.text.split('\n')[0]);
    expect(rows.map((r) => Number(r.id))).toEqual(await segmentMemberIds(shanghai));
    expect(rows.find((r) => Number(r.id) === ids.zhang)).toMatchObject({ nickname: '张三', phone_masked: '139****0001', city: '上海', tags: 'VIP', 'attr.skin_type': '干性' });
    expect(file.text).not.toContain('13900000001');

    const big = await finished((await h().post(`/api/segments/${hangzhou}/exports`).set(auth()).expect(202)).body.id);
    expect(big).toMatchObject({ status: 'done', total: 2100, processed: 2100 });
    const bigRows = parse((await h().get(big.fileUrl!).set(auth()).buffer(true).expect(200)).text, { bom: true, columns: true }) as { id: string }[];
    const bigIds = bigRows.map((r) => Number(r.id));
    expect(new Set(bigIds).size).toBe(2100);
    expect(bigIds).toEqual(await segmentMemberIds(hangzhou));

    await h().post('/api/segments/999999/exports').set(auth()).expect(404);
    await h().get('/api/segment-jobs/999999').set(auth()).expect(404);
  });

  it('freezes a dynamic segment as a new static one, as a job with progress', async () => {
    const all = (await h().get('/api/segments').set(auth()).expect(200)).body as { id: number; name: string; type: string }[];
    const hangzhou = all.find((x) => x.name === '杭州会员')!.id;
    const started = (await h().post(`/api/segments/${hangzhou}/snapshots`).set(auth()).send({ name: '杭州会员 双11 名单' }).expect(202)).body as Job;
    expect(started).toMatchObject({ kind: 'snapshot', segmentId: hangzhou });
    const job = await finished(started.id);
    expect(job).toMatchObject({ status: 'done', percent: 100, added: 2100 });
    expect(job.segmentId).not.toBe(hangzhou);
    const snapshot = (await h().get(`/api/segments/${job.segmentId}`).set(auth()).expect(200)).body;
    expect(snapshot).toMatchObject({ name: '杭州会员 双11 名单', type: 'static', count: 2100 });
    expect(await segmentMemberIds(job.segmentId!)).toEqual(await segmentMemberIds(hangzhou));
    // the dynamic segment moves on, the snapshot does not
    await h().post('/api/members').set(auth()).send({ nickname: '新杭州会员', city: '杭州' }).expect(201);
    expect((await h().post(`/api/segments/${hangzhou}/count`).set(auth()).expect(200)).body.count).toBe(2101);
    expect((await h().post(`/api/segments/${job.segmentId}/count`).set(auth()).expect(200)).body.count).toBe(2100);
    // a default name says where it came from and when
    const named = await finished((await h().post(`/api/segments/${hangzhou}/snapshots`).set(auth()).send({}).expect(202)).body.id);
    expect((await h().get(`/api/segments/${named.segmentId}`).set(auth()).expect(200)).body.name).toMatch(/^杭州会员 快照 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    await h().post(`/api/segments/${hangzhou}/snapshots`).set(auth()).send({ name: '杭州会员 双11 名单' }).expect(409);
    await h().post(`/api/segments/${job.segmentId}/snapshots`).set(auth()).send({}).expect(400);
    await h().post('/api/segments/999999/snapshots').set(auth()).send({}).expect(404);
    await h().post(`/api/segments/${hangzhou}/snapshots`).set(bearer(manager)).send({}).expect(403);
  });

  it('makes a static segment from a CSV mixing phones, unionids, openids, member ids and unknown values', async () => {
    const csv = [
      '标识,备注',
      '139 0000 0001,张三的手机',
      'oUnion_seg_li,李四的 unionid',
      'oMp_seg_wang,王五的小程序 openid',
      'wmSegZhao,赵六的企微外部联系人',
      '13911112222,没人用的手机号',
      'oNobody_404,不认识',
      'has space,不像标识',
      ',空',
      '13900000001,张三又一次',
    ].join('\n');
    // "标识" is no name we know, so the column is named
    const noColumn = await upload('/api/segments/imports', csv, { name: '线下名单' }).expect(400);
    expect(noColumn.body.details[0]).toMatchObject({ field: 'column' });
    const started = (await upload('/api/segments/imports', csv, { name: '线下名单', description: '活动签到', identifier: 'auto', column: '标识' }, '签到.csv').expect(202)).body as Job;
    expect(started).toMatchObject({ kind: 'import', segmentId: null, fileName: '签到.csv' });
    const job = await finished(started.id);
    expect(job).toMatchObject({ status: 'done', percent: 100, total: 9, processed: 9, matched: 5, unmatched: 4, added: 4, errorsUrl: `/api/segment-jobs/${started.id}/errors` });
    expect(job.segmentId).toEqual(expect.any(Number));

    const errors = (await h().get(job.errorsUrl!).set(auth()).expect(200)).body;
    expect(errors).toMatchObject({ total: 4, kept: 4, nextCursor: null });
    expect(errors.items.map((e: { row: number; value: string; reason: string }) => [e.row, e.value, e.reason])).toEqual([
      [6, '13911112222', 'not_found'],
      [7, 'oNobody_404', 'not_found'],
      [8, 'has space', 'invalid'],
      [9, '', 'empty'],
    ]);
    const paged = (await h().get(job.errorsUrl!).query({ limit: 3 }).set(auth()).expect(200)).body;
    expect(paged.items).toHaveLength(3);
    expect((await h().get(job.errorsUrl!).query({ limit: 3, cursor: paged.nextCursor }).set(auth()).expect(200)).body.items.map((e: { row: number }) => e.row)).toEqual([9]);

    const segment = (await h().get(`/api/segments/${job.segmentId}`).set(auth()).expect(200)).body;
    expect(segment).toMatchObject({ name: '线下名单', description: '活动签到', type: 'static', count: 4 });
    expect(await segmentMemberIds(job.segmentId!)).toEqual([ids.zhang, ids.li, ids.wang, ids.zhao].sort((a, b) => a - b));
    const audit = (await h().get('/api/audit-logs').query({ entityType: 'segment' }).set(auth()).expect(200)).body.items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['segment.import', 'segment.create']));
  });

  it('adds to an existing static segment, and refuses a dynamic one', async () => {
    const fixed = (await h().post('/api/segments').set(auth()).send({ name: '固定名单', type: 'static', memberIds: [ids.zhang] }).expect(201)).body.id;
    const csv = `member_id\n${ids.zhang}\n${ids.wang}\n99999999\n`;
    const job = await finished((await upload(`/api/segments/${fixed}/imports`, csv, { identifier: 'memberId' }).expect(202)).body.id);
    expect(job).toMatchObject({ status: 'done', segmentId: fixed, total: 3, matched: 2, unmatched: 1, added: 1 });
    expect(await segmentMemberIds(fixed)).toEqual([ids.zhang, ids.wang].sort((a, b) => a - b));
    expect((await h().get(`/api/segments/${fixed}`).set(auth()).expect(200)).body.count).toBe(2);

    // a phone column read as phones
    const byPhone = await finished((await upload(`/api/segments/${fixed}/imports`, 'nickname,手机号\n张三,13900000001\n', { identifier: 'phone' }).expect(202)).body.id);
    expect(byPhone).toMatchObject({ status: 'done', matched: 1, added: 0 });

    const dynamic = (await h().post('/api/segments').set(auth()).send({ name: '北京动态', type: 'dynamic', rule: { kind: 'attribute', field: 'city', operator: 'eq', value: '北京' } }).expect(201)).body.id;
    const refused = await upload(`/api/segments/${dynamic}/imports`, csv).expect(400);
    expect(refused.body.message).toMatch(/dynamic/);
    await upload('/api/segments/999999/imports', csv).expect(404);
  });

  it('refuses a bad file or request before any job', async () => {
    const jobsBefore = (await t.ds.query('SELECT COUNT(*) AS n FROM segment_job'))[0].n;
    const reason = async (res: Promise<{ body: { message: string } }>) => (await res).body.message;
    await h().post('/api/segments/imports').set(auth()).field('name', '无文件').expect(400);
    expect(await reason(upload('/api/segments/imports', '', { name: '空' }).expect(400))).toMatch(/empty/);
    expect(await reason(upload('/api/segments/imports', 'phone\n', { name: '只有表头' }).expect(400))).toMatch(/no data rows/);
    expect(await reason(upload('/api/segments/imports', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xd5, 0xc5, 0xfe, 0x00]), { name: 'xlsx' }, 'list.xlsx').expect(400))).toMatch(/UTF-8/);
    expect(await reason(upload('/api/segments/imports', 'phone\n"13900000001\n', { name: '坏引号' }).expect(400))).toMatch(/not valid CSV/);
    expect(await reason(upload('/api/segments/imports', 'phone,unionid\n1,2\n', { name: '无此列', column: 'openid' }).expect(400))).toMatch(/no column "openid"/);
    expect(await reason(upload('/api/segments/imports', '13900000001\n13900000002\n', { name: '没有表头' }).expect(400))).toMatch(/header/);
    expect(await reason(upload('/api/segments/imports', 'phone\n' + '13900000001\n'.repeat(200_001), { name: '太多行' }).expect(400))).toMatch(/at most 200000 rows/);
    await upload('/api/segments/imports', 'phone\n13900000001\n', { name: '错误类型', identifier: 'email' }).expect(400);
    await upload('/api/segments/imports', 'phone\n13900000001\n', {}).expect(400);
    await upload('/api/segments/imports', 'phone\n13900000001\n', { name: '线下名单' }).expect(409);
    expect((await t.ds.query('SELECT COUNT(*) AS n FROM segment_job'))[0].n).toBe(jobsBefore);
  });

  it('is for headquarters roles only, like segments', async () => {
    const segment = (await h().get('/api/segments').set(auth()).expect(200)).body[0].id;
    const job = (await t.ds.query('SELECT id FROM segment_job ORDER BY id LIMIT 1'))[0].id;
    await h().post(`/api/segments/${segment}/exports`).set(bearer(manager)).expect(403);
    await h().post('/api/segments/imports').set(bearer(manager)).field('name', 'x').attach('file', Buffer.from('phone\n13900000001\n'), 'a.csv').expect(403);
    await h().get(`/api/segment-jobs/${job}`).set(bearer(manager)).expect(403);
    await h().get(`/api/segment-jobs/${job}/file`).set(bearer(manager)).expect(403);
    await h().get(`/api/segment-jobs/${job}/file`).expect(401);
  });
});
