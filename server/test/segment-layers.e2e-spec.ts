import { generateKeyPairSync } from 'node:crypto';
import { toDbDatetime } from '../src/platform/time/time';
import { TestApp, bearer, eventually, startTestApp } from './harness';

const MCH = '1900000109';

/**
 * Layers on real data: RFM groups from payments WeChat Pay (the sandbox) notifies, kept current per
 * member; thresholds and lifecycle stages set by the owner; lead score as a field.
 */
describe('segment layers (MariaDB + sandbox)', () => {
  let t: TestApp;
  let owner: string;
  let operator: string;
  const h = () => t.http();
  const preview = async (rule: object) => (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule, sampleSize: 50 }).expect(200)).body as { count: number; sample: { id: number }[] };
  const groups = async () => {
    const body = (await h().get('/api/segment-layers/rfm').set(bearer(owner)).expect(200)).body as { groups: { group: string; count: number }[] };
    return Object.fromEntries(body.groups.map((g) => [g.group, g.count]));
  };
  const mpMember = async (openid: string) => {
    const code = (await h().post('/sandbox/miniapp/login-code').send({ openid }).expect(200)).body.code;
    return (await h().post('/api/mp/auth/login').send({ code }).expect(200)).body.member as { id: number };
  };
  const pay = (openid: string, amount: number, outTradeNo: string) => h().post('/sandbox/pay/emit').send({ mchId: MCH, kind: 'paid', openid, amount, outTradeNo }).expect(200);
  let loyal: number;
  let lapsed: number;
  let browser: number;
  let newcomer: number;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    await h().post('/api/users').set(bearer(owner)).send({ username: 'ops', password: 'Passw0rd!x', displayName: 'ops', role: 'operator', storeIds: [] }).expect(201);
    operator = await t.login('ops', 'Passw0rd!x');
    const platform = (await h().get('/sandbox/pay/platform-key').expect(200)).body;
    const merchantKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await h().post('/api/channels').set(bearer(owner)).send({
      type: 'pay', name: '微信支付', mchId: MCH, apiV3Key: 'a'.repeat(16) + 'B'.repeat(16), privateKey: merchantKey, certSerialNo: '5157F09EFDC096DE15EBE81A47057A72',
      platformPublicKey: platform.publicKey, platformSerialNo: platform.serialNo,
    }).expect(201);
    loyal = (await mpMember('oLayerLoyal01')).id;
    lapsed = (await mpMember('oLayerLapsed1')).id;
    browser = (await mpMember('oLayerBrowse1')).id;
    newcomer = (await h().post('/api/members').set(bearer(owner)).send({ nickname: '新客' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('puts payers in RFM groups as their payments arrive', async () => {
    await pay('oLayerLoyal01', 30_000, 'LAYER-A1');
    await pay('oLayerLoyal01', 30_000, 'LAYER-A2');
    // two orders, 600 yuan, just now: important value with the default thresholds (2 orders, 500 yuan, 90 days)
    await eventually(async () => ((await groups()).importantValue === 1 ? true : null));
    expect((await preview({ kind: 'rfm', group: 'importantValue' })).sample.map((m) => m.id)).toEqual([loyal]);
    expect((await preview({ kind: 'rfm', monetary: 'high' })).count).toBe(1);
    // the three who never paid
    expect((await preview({ kind: 'rfm', group: 'none' })).sample.map((m) => m.id).sort()).toEqual([lapsed, browser, newcomer].sort());
  });

  it('rebuilds from the event store and follows the owner’s thresholds', async () => {
    // a payment from before the figures were kept (loaded straight into the store)
    const old = toDbDatetime(new Date(Date.now() - 120 * 86_400_000));
    await t.ds.query('INSERT INTO event (type, source, dedupe_key, occurred_at, properties, member_id, status) VALUES (?, ?, ?, ?, ?, ?, ?)', ['pay.paid', 'pay', 'layers:old', old, JSON.stringify({ amount: 990, outTradeNo: 'OLD1' }), lapsed, 'resolved']);
    const { jobId } = (await h().post('/api/segment-layers/rfm/rebuild').set(bearer(owner)).expect(202)).body;
    expect(jobId).toBeTruthy();
    await eventually(async () => ((await groups()).generalRecall === 1 ? true : null));
    expect(await groups()).toMatchObject({ importantValue: 1, generalRecall: 1, generalDevelop: 0 });

    // recency counted over 200 days instead of 90: the lapsed payer becomes "general, to develop"
    const body = (await h().put('/api/segment-layers/rfm').set(bearer(owner)).send({ recencyDays: 200, frequencyMin: 2, monetaryMin: 50_000 }).expect(200)).body;
    expect(body.config).toEqual({ recencyDays: 200, frequencyMin: 2, monetaryMin: 50_000 });
    expect(await groups()).toMatchObject({ importantValue: 1, generalRecall: 0, generalDevelop: 1 });
    expect((await preview({ kind: 'rfm', recency: 'high', frequency: 'low' })).sample.map((m) => m.id)).toEqual([lapsed]);
  });

  it('refuses wrong RFM rules and settings with the reason, and only the owner changes settings', async () => {
    const bad = (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule: { kind: 'group', op: 'and', rules: [{ kind: 'rfm', group: 'vip' }] } }).expect(400)).body;
    expect(JSON.stringify(bad)).toContain('rule.rules[0].group');
    await h().post('/api/segments/preview').set(bearer(owner)).send({ rule: { kind: 'rfm', recency: 'medium' } }).expect(400);
    await h().put('/api/segment-layers/rfm').set(bearer(owner)).send({ recencyDays: 0, frequencyMin: 2, monetaryMin: 1 }).expect(400);
    await h().put('/api/segment-layers/rfm').set(bearer(operator)).send({ recencyDays: 30, frequencyMin: 2, monetaryMin: 1 }).expect(403);
    await h().get('/api/segment-layers/rfm').set(bearer(operator)).expect(200);
  });

  it('places members in lifecycle stages, AIPL by default, AARRR when the owner says so', async () => {
    const stages = async () => Object.fromEntries(((await h().get('/api/segment-layers/lifecycle').set(bearer(owner)).expect(200)).body.stages as { key: string; count: number }[]).map((s) => [s.key, s.count]));
    // logging in to the mini-program is interest; paying is purchase; a record with nothing else is awareness
    expect(await stages()).toEqual({ awareness: 1, interest: 1, purchase: 2, loyalty: 0 });
    expect((await preview({ kind: 'lifecycle', stages: ['interest', 'purchase'] })).count).toBe(3);

    const presets = (await h().get('/api/segment-layers/lifecycle').set(bearer(owner)).expect(200)).body.presets as { model: string; stages: object[] }[];
    const aarrr = presets.find((p) => p.model === 'aarrr');
    await h().put('/api/segment-layers/lifecycle').set(bearer(owner)).send(aarrr).expect(200);
    // the mini-program user logged in this month: past activation, in retention
    expect(await stages()).toEqual({ acquisition: 1, activation: 0, retention: 1, revenue: 2, referral: 0 });
    // rules name the new model's stages now
    const gone = (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule: { kind: 'lifecycle', stages: ['loyalty'] } }).expect(400)).body;
    expect(JSON.stringify(gone)).toContain('no stage loyalty');
  });

  it('checks each stage’s rule before saving the model', async () => {
    const stage = (key: string, rule: object) => ({ key, label: key, rule });
    const wrong = (await h().put('/api/segment-layers/lifecycle').set(bearer(owner)).send({ model: 'aipl', stages: [stage('a', { kind: 'attribute', field: 'createdAt', operator: 'isSet' }), stage('b', { kind: 'event', eventType: 'nope.nope' })] }).expect(400)).body;
    expect(JSON.stringify(wrong)).toContain('stages[1].rule.eventType');
    const circular = (await h().put('/api/segment-layers/lifecycle').set(bearer(owner)).send({ model: 'aipl', stages: [stage('a', { kind: 'attribute', field: 'createdAt', operator: 'isSet' }), stage('b', { kind: 'lifecycle', stages: ['a'] })] }).expect(400)).body;
    expect(JSON.stringify(circular)).toContain('cannot be defined by lifecycle stages');
    await h().put('/api/segment-layers/lifecycle').set(bearer(owner)).send({ model: 'aipl', stages: [stage('a', { kind: 'attribute', field: 'createdAt', operator: 'isSet' }), stage('a', { kind: 'attribute', field: 'createdAt', operator: 'isSet' })] }).expect(400);
    await h().put('/api/segment-layers/lifecycle').set(bearer(operator)).send({ model: 'aipl', stages: [] }).expect(403);
  });

  it('segments on lead score and stage', async () => {
    await h().patch(`/api/members/${browser}`).set(bearer(owner)).send({ leadScore: 82, leadStage: 'hot' }).expect(200);
    const hot = await preview({ kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'leadScore', operator: 'gte', value: 60 }, { kind: 'attribute', field: 'leadStage', operator: 'eq', value: 'hot' }] });
    expect(hot.sample.map((m) => m.id)).toEqual([browser]);
    await h().patch(`/api/members/${browser}`).set(bearer(owner)).send({ leadStage: 'boiling' }).expect(400);
  });
});
