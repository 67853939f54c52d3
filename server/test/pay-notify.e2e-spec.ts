import { generateKeyPairSync } from 'node:crypto';
import { TestApp, bearer, eventually, startTestApp } from './harness';

const MCH = '1900000109';

/** WeChat Pay (played by the sandbox) notifying payments: signature, AES-GCM, dedupe, timeline. */
describe('WeChat Pay v3 notifies (MariaDB + sandbox)', () => {
  let t: TestApp;
  let owner: string;
  let platform: { serialNo: string; publicKey: string };

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    platform = (await t.http().get('/sandbox/pay/platform-key').expect(200)).body;
    const merchantKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await t.http().post('/api/channels').set(bearer(owner)).send({
      type: 'pay', name: '微信支付', mchId: MCH, apiV3Key: 'a'.repeat(16) + 'B'.repeat(16), privateKey: merchantKey, certSerialNo: '5157F09EFDC096DE15EBE81A47057A72',
      platformPublicKey: platform.publicKey, platformSerialNo: platform.serialNo,
    }).expect(201);
  });
  afterAll(() => t.close());

  const mpMember = async (openid: string) => {
    const code = (await t.http().post('/sandbox/miniapp/login-code').send({ openid }).expect(200)).body.code;
    return (await t.http().post('/api/mp/auth/login').send({ code }).expect(200)).body.member as { id: number };
  };
  const payEvents = async (memberId: number) => (await t.http().get(`/api/members/${memberId}/events?type=pay.paid`).set(bearer(owner)).expect(200)).body.items;

  it('a payment lands on the payer’s timeline once, however often WeChat retries', async () => {
    const m = await mpMember('oPayer000001');
    const res = (await t.http().post('/sandbox/pay/emit').send({ mchId: MCH, kind: 'paid', openid: 'oPayer000001', amount: 19900, outTradeNo: 'ORDER20261123A' }).expect(200)).body;
    expect(res).toMatchObject({ status: 204, body: '' });
    const [ev] = await eventually(async () => {
      const items = await payEvents(m.id);
      return items.length ? items : null;
    });
    expect(ev).toMatchObject({ type: 'pay.paid', source: 'pay', properties: { outTradeNo: 'ORDER20261123A', amount: 19900 } });

    // WeChat's retry carries the same body; the sandbox signs it afresh
    const again = (await t.http().post('/sandbox/pay/emit').send({ mchId: MCH, kind: 'paid', openid: 'oPayer000001', amount: 19900, outTradeNo: 'ORDER20261123A', transactionId: ev.properties.transactionId }).expect(200)).body;
    expect(again.status).toBe(204);
    await new Promise((r) => setTimeout(r, 300));
    expect(await payEvents(m.id)).toHaveLength(1);
  });

  it('refunds are stored as pay.refunded', async () => {
    const res = (await t.http().post('/sandbox/pay/emit').send({ mchId: MCH, kind: 'refunded', openid: 'oPayer000001', amount: 500, outTradeNo: 'ORDER20261123A' }).expect(200)).body;
    expect(res.status).toBe(204);
    const rows = await t.ds.query("SELECT properties FROM event WHERE type = 'pay.refunded'");
    expect(rows).toHaveLength(1);
  });

  it('refuses unsigned, re-signed-by-someone-else and tampered notifies with 4xx', async () => {
    const res = (await t.http().post('/sandbox/pay/emit').send({ mchId: MCH, kind: 'paid', openid: 'oPayer000002', amount: 100 }).expect(200)).body;
    const body = res.request.body as string;
    await t.http().post(`/wechat/pay/${MCH}/notify`).set('content-type', 'application/json').send(body).expect(401);
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const { signPayNotify } = await import('../src/wechat/crypto');
    const forged = signPayNotify({ privateKey: stranger, serial: platform.serialNo, body });
    await t.http().post(`/wechat/pay/${MCH}/notify`).set(forged).set('content-type', 'application/json').send(body).expect(401);
    const wrongSerial = signPayNotify({ privateKey: stranger, serial: 'UNKNOWN123', body });
    await t.http().post(`/wechat/pay/${MCH}/notify`).set(wrongSerial).set('content-type', 'application/json').send(body).expect(401);
    await t.http().post('/wechat/pay/1999999999/notify').set('content-type', 'application/json').send(body).expect(404);
  });
});
