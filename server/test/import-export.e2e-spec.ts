import { TestApp, bearer, eventually, startTestApp } from './harness';

/** Runs on MariaDB with the BullMQ driver on Redis, as production does. */
describe('CSV import as a background job, and CSV export (MariaDB + Redis)', () => {
  let t: TestApp;
  let token: string;
  const auth = () => bearer(token);

  beforeAll(async () => {
    t = await startTestApp({ redis: true, env: { MAX_UPLOAD_MB: '1' } });
    token = await t.login();
    await t.http().post('/api/stores').set(auth()).send({ name: '上海店', code: 'SH01' }).expect(201);
    await t.http().post('/api/attribute-definitions').set(auth()).send({ key: 'skin_type', label: '肤质', type: 'enum', options: ['干性', '油性'] }).expect(201);
    await t.http().post('/api/members').set(auth()).send({ nickname: '老会员', phone: '13700000001', points: 10 }).expect(201);
  });
  afterAll(() => t.close());

  const upload = (csv: string, name = 'members.csv') =>
    t.http().post('/api/members/import').set(auth()).attach('file', Buffer.from(csv, 'utf8'), { filename: name, contentType: 'text/csv' });

  const finished = (jobId: string) =>
    eventually(async () => {
      const s = (await t.http().get(`/api/members/import/${jobId}`).set(auth()).expect(200)).body;
      return s.status === 'completed' || s.status === 'failed' ? s : null;
    });

  it('imports good rows, reports bad ones per row, and dedupes by phone and unionid', async () => {
    const csv = [
      'nickname,phone,unionid,gender,birthday,province,city,points,store_code,tags,attr.skin_type',
      '张三,13800000001,oUnion_imp_001,男,1990-01-02,上海,上海,100,SH01,VIP|护肤,干性',
      '李四,,oUnion_imp_002,女,03-15,浙江,杭州,5,,彩妆,',
      '老会员改名,13700000001,,,,,,999,,VIP,',
      '坏手机,12ab,,,,,,,,,',
      '坏日期,13800000009,,,2023-02-30,,,,,,',
      '坏属性,13800000010,,,,,,,,,湿性',
      '坏门店,13800000011,,,,,,,XX99,,',
      '字段太少,13800000012',
      '王五,13800000013,oUnion_imp_002,,,,,,,,',
      '冲突,13800000001,oUnion_imp_002,,,,,,,,',
    ].join('\n');
    const started = await upload(csv).expect(202);
    const s = await finished(started.body.jobId);
    expect(s).toMatchObject({ status: 'completed', percent: 100, total: 10, processed: 10, created: 2, updated: 2, failed: 6 });
    expect(s.errorReportUrl).toBe(`/api/members/import/${started.body.jobId}/errors.csv`);

    const report = await t.http().get(s.errorReportUrl).set(auth()).expect(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const lines = report.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('row,column,message,raw');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['5,phone', '6,birthday', '7,attr.skin_type', '8,store_code', '9,row', '11,unionid']);

    const zhang = (await t.http().get('/api/members?q=13800000001').set(auth()).expect(200)).body.items[0];
    const detail = (await t.http().get(`/api/members/${zhang.id}`).set(auth()).expect(200)).body;
    expect(detail).toMatchObject({ nickname: '张三', gender: 'male', birthday: { year: 1990, month: 1, day: 2 }, points: 100, sourceChannel: 'import', attributes: { skin_type: '干性' } });
    expect(detail.tags.map((x: { name: string; source: string; addedBy: string }) => `${x.name}/${x.source}/${x.addedBy}`).sort()).toEqual([`VIP/import/import #${started.body.jobId}`, `护肤/import/import #${started.body.jobId}`]);
    const old = (await t.http().get('/api/members?q=13700000001').set(auth()).expect(200)).body;
    expect(old.total).toBe(1);
    expect(old.items[0]).toMatchObject({ nickname: '老会员改名', points: 999 });
    // bad rows left nothing behind
    expect((await t.http().get('/api/members?q=13800000009').set(auth()).expect(200)).body.total).toBe(0);
    // the same unionid is the same person: 王五's row updated 李四 rather than making a second member
    expect((await t.http().get('/api/members?q=13800000013').set(auth()).expect(200)).body.items.map((m: { nickname: string }) => m.nickname)).toEqual(['王五']);
    expect((await t.http().get('/api/members?q=oUnion_imp_002').set(auth()).expect(200)).body.total).toBe(1);
  });

  it('imports a file larger than a TEXT column, keeping its Chinese file name', async () => {
    const rows = Array.from({ length: 700 }, (_, i) => `大文件会员${i}${'很长的昵称'.repeat(8)},139${String(10_000_000 + i).slice(0, 8)}`);
    const csv = ['nickname,phone', ...rows].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(65_535);
    const started = await upload(csv, '十一月名单.csv').expect(202);
    const s = await finished(started.body.jobId);
    expect(s).toMatchObject({ status: 'completed', fileName: '十一月名单.csv', total: 700, created: 700, failed: 0 });
  });

  it('importing the same file again updates instead of duplicating', async () => {
    const before = (await t.http().get('/api/members').set(auth()).expect(200)).body.total;
    const csv = 'nickname,unionid,points\n李四二次,oUnion_imp_002,77\n';
    const s = await finished((await upload(csv).expect(202)).body.jobId);
    expect(s).toMatchObject({ created: 0, updated: 1, failed: 0, errorReportUrl: null });
    expect((await t.http().get('/api/members').set(auth()).expect(200)).body.total).toBe(before);
    expect((await t.http().get('/api/members?q=oUnion_imp_002').set(auth()).expect(200)).body.items[0]).toMatchObject({ nickname: '李四二次', points: 77 });
  });

  it('refuses a file that is not a member CSV before queueing anything', async () => {
    const unknownCol = await upload('nickname,favourite\n张,红\n').expect(400);
    expect(unknownCol.body.message).toContain('favourite');
    await upload('').expect(400);
    const raw = await t.http().post('/api/members/import').set(auth()).attach('file', Buffer.from([0x6e, 0x0a, 0xd5, 0xc5, 0xfe]), 'gbk.csv').expect(400);
    expect(raw.body.message).toMatch(/UTF-8/);
    await t.http().post('/api/members/import').set(auth()).expect(400);
    const big = await upload('nickname\n' + 'x\n'.repeat(600_000)).expect(413);
    expect(big.body.statusCode).toBe(413);
    await t.http().get('/api/members/import/999999').set(auth()).expect(404);
  });

  it('exports the filtered members as CSV with masked phones and tags', async () => {
    const vip = (await t.http().get('/api/tags').set(auth()).expect(200)).body.find((x: { name: string }) => x.name === 'VIP');
    const res = await t.http().get(`/api/members/export.csv?tagId=${vip.id}`).set(auth()).expect(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="members-\d{8}\.csv"/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('id,nickname,phone_masked,gender,birthday,province,city,source_channel,lifecycle_stage,level,points,store_id,tags,first_seen_at,last_seen_at,created_at,attr.skin_type');
    expect(lines).toHaveLength(3);
    expect(res.text).toContain('138****0001');
    expect(res.text).not.toContain('13800000001');
    expect(res.text).toContain('VIP|护肤');
    await t.http().get('/api/members/export.csv?stage=bad').set(auth()).expect(400);
  });
});
