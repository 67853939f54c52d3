import { KeyObject, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { PayApiError } from '../src/wechat/pay/pay-api-error';
import { PayApiService } from '../src/wechat/pay/pay-api.service';
import { TestApp, bearer, eventually, startTestApp } from './harness';

const MCH = '1900000209';
const SERIAL = '3775B6A45ACD588826D15E583A95F5DD2C2BA6F8';

const pem = (k: KeyObject) => k.export({ type: 'pkcs8', format: 'pem' }).toString();

/** JSAPI payments against the sandbox WeChat Pay over real HTTP: prepay, pay, notify, query. */
describe('WeChat Pay JSAPI prepay and query (MariaDB + sandbox api.mch)', () => {
  let t: TestApp;
  let owner: string;
  let pay: PayApiService;
  let channelId: number;
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let platform: { serialNo: string; publicKey: string };

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    pay = t.app.get(PayApiService);
    platform = (await t.http().get('/sandbox/pay/platform-key').expect(200)).body;
    channelId = (
      await t.http().post('/api/channels').set(bearer(owner)).send({
        type: 'pay', name: '微信支付', mchId: MCH, apiV3Key: 'k'.repeat(32), privateKey: pem(merchant.privateKey), certSerialNo: SERIAL,
        platformPublicKey: platform.publicKey, platformSerialNo: platform.serialNo,
      }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const mpMember = async (openid: string) => {
    const code = (await t.http().post('/sandbox/miniapp/login-code').send({ openid }).expect(200)).body.code;
    return (await t.http().post('/api/mp/auth/login').send({ code }).expect(200)).body.member as { id: number };
  };
  const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a PayApiError'); }, (e: unknown) => e as PayApiError);

  it('prepay gives wx.requestPayment parameters signed by the merchant key; paying notifies and the query agrees', async () => {
    const openid = 'oPayJsapi00001';
    const member = await mpMember(openid);
    const prepay = await pay.prepayJsapi(MCH, { openid, outTradeNo: 'JSAPI20261123A', description: '会员年卡', amount: 9900, attach: 'card' });
    expect(prepay.prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
    const p = prepay.payment;
    expect(p).toMatchObject({ appId: t.config.wechat.miniappAppId, package: `prepay_id=${prepay.prepayId}`, signType: 'RSA' });
    expect(p.timeStamp).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(p.timeStamp) - Date.now() / 1000)).toBeLessThan(300);
    const signed = Buffer.from(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`);
    expect(verify('sha256', signed, createPublicKey(merchant.privateKey), Buffer.from(p.paySign, 'base64'))).toBe(true);
    expect(verify('sha256', Buffer.from('tampered'), createPublicKey(merchant.privateKey), Buffer.from(p.paySign, 'base64'))).toBe(false);

    const before = await pay.queryByOutTradeNo(MCH, 'JSAPI20261123A');
    expect(before).toMatchObject({ tradeState: 'NOTPAY', transactionId: null, amount: 9900, payerOpenid: openid, attach: 'card', mchId: MCH });

    const paid = (await t.http().post('/sandbox/pay/transactions/JSAPI20261123A/pay').send({}).expect(200)).body;
    expect(paid).toMatchObject({ mchId: MCH, outTradeNo: 'JSAPI20261123A', tradeState: 'SUCCESS', notify: { status: 204 } });

    const [ev] = await eventually(async () => {
      const items = (await t.http().get(`/api/members/${member.id}/events?type=pay.paid`).set(bearer(owner)).expect(200)).body.items;
      return items.length ? items : null;
    });
    expect(ev.properties).toMatchObject({ outTradeNo: 'JSAPI20261123A', transactionId: paid.transactionId, amount: 9900, payerAmount: 9900 });

    const after = await pay.queryByOutTradeNo(MCH, 'JSAPI20261123A');
    expect(after).toMatchObject({ tradeState: 'SUCCESS', transactionId: paid.transactionId, amount: 9900, payerAmount: 9900, payerOpenid: openid, appId: p.appId });
    expect(new Date(after.successTime!).getTime()).toBe(new Date(ev.occurredAt).getTime());

    await t.http().post('/sandbox/pay/transactions/JSAPI20261123A/pay').send({}).expect(409);
    await t.http().post('/sandbox/pay/transactions/NOSUCHORDER1/pay').send({}).expect(404);
    const again = await failure(pay.prepayJsapi(MCH, { openid, outTradeNo: 'JSAPI20261123A', description: '会员年卡', amount: 9900 }));
    expect(again).toMatchObject({ code: 'ORDERPAID', httpStatus: 400, kind: 'bad_request' });
  });

  it('a retried prepay with the same order number gets the same prepay_id; a changed one is refused', async () => {
    const first = await pay.prepayJsapi(MCH, { openid: 'oPayJsapi00002', outTradeNo: 'JSAPI20261123B', description: '积分充值', amount: 100 });
    const retry = await pay.prepayJsapi(MCH, { openid: 'oPayJsapi00002', outTradeNo: 'JSAPI20261123B', description: '积分充值', amount: 100 });
    expect(retry.prepayId).toBe(first.prepayId);
    const changed = await failure(pay.prepayJsapi(MCH, { openid: 'oPayJsapi00002', outTradeNo: 'JSAPI20261123B', description: '积分充值', amount: 200 }));
    expect(changed).toBeInstanceOf(PayApiError);
    expect(changed).toMatchObject({ code: 'OUT_TRADE_NO_USED', httpStatus: 403 });
  });

  it('bad requests and unknown orders are typed errors, not retried', async () => {
    const bad = await failure(pay.prepayJsapi(MCH, { openid: 'oPayJsapi00003', outTradeNo: 'JSAPI20261123C', description: '', amount: 100 }));
    expect(bad).toMatchObject({ code: 'PARAM_ERROR', httpStatus: 400, kind: 'bad_request' });
    expect(bad.detail).toMatch(/description/);
    const foreignApp = await failure(pay.prepayJsapi(MCH, { appId: 'wxnotabrandapp001', openid: 'oPayJsapi00003', outTradeNo: 'JSAPI20261123C', description: 'x', amount: 100 }));
    expect(foreignApp).toMatchObject({ code: 'APPID_MCHID_NOT_MATCH', kind: 'bad_request' });
    const missing = await failure(pay.queryByOutTradeNo(MCH, 'NEVERCREATED1'));
    expect(missing).toMatchObject({ code: 'ORDER_NOT_EXIST', httpStatus: 404, kind: 'not_found' });
    const unknownMch = await failure(pay.queryByOutTradeNo('1999999999', 'NEVERCREATED1'));
    expect(unknownMch).toMatchObject({ code: 'NO_ACCOUNT', kind: 'bad_credentials' });
    const calls = (await t.http().get('/sandbox/calls').query({ api: '/mch/v3/pay/transactions/jsapi' }).expect(200)).body;
    expect(calls.filter((c: { response: { code?: string } }) => c.response.code === 'PARAM_ERROR')).toHaveLength(1);
  });

  it('transient failures are retried with the same order number', async () => {
    await t.http().post('/sandbox/faults').send({ api: '/mch/v3/pay/transactions/jsapi', httpStatus: 503, times: 1 }).expect(200);
    const sinceId = Math.max(0, ...(await t.http().get('/sandbox/calls').expect(200)).body.map((c: { id: number }) => c.id));
    const res = await pay.prepayJsapi(MCH, { openid: 'oPayJsapi00004', outTradeNo: 'JSAPI20261123D', description: '会员月卡', amount: 990 });
    expect(res.prepayId).toMatch(/^wx/);
    const calls = (await t.http().get('/sandbox/calls').query({ api: '/mch/v3/pay/transactions/jsapi', sinceId }).expect(200)).body;
    expect(calls.map((c: { status: number }) => c.status)).toEqual([503, 200]);
  });

  it('the sandbox checks the merchant signature: a wrong key is SIGN_ERROR, unsigned requests 401', async () => {
    const raw = await t.http().post('/sandbox/mch/v3/pay/transactions/jsapi').set('content-type', 'application/json').send('{"mchid":"1900000209"}').expect(401);
    expect(raw.body).toMatchObject({ code: 'SIGN_ERROR' });
    expect(raw.headers['wechatpay-signature']).toBeTruthy();

    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await t.http().patch(`/api/channels/${channelId}`).set(bearer(owner)).send({ privateKey: pem(stranger) }).expect(200);
    const err = await failure(pay.prepayJsapi(MCH, { openid: 'oPayJsapi00005', outTradeNo: 'JSAPI20261123E', description: '会员月卡', amount: 990 }));
    expect(err).toBeInstanceOf(PayApiError);
    expect(err).toMatchObject({ code: 'SIGN_ERROR', httpStatus: 401, kind: 'bad_credentials', retryable: false });

    await t.http().patch(`/api/channels/${channelId}`).set(bearer(owner)).send({ privateKey: pem(merchant.privateKey) }).expect(200);
    await expect(pay.prepayJsapi(MCH, { openid: 'oPayJsapi00005', outTradeNo: 'JSAPI20261123E', description: '会员月卡', amount: 990 })).resolves.toMatchObject({ prepayId: expect.any(String) });
  });

  it('answers are checked against the platform key: one signed by someone else is refused', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await t.http().patch(`/api/channels/${channelId}`).set(bearer(owner)).send({ platformPublicKey: other }).expect(200);
    try {
      const err = await failure(pay.queryByOutTradeNo(MCH, 'JSAPI20261123B'));
      expect(err).toMatchObject({ code: 'BAD_SIGNATURE', kind: 'bad_credentials' });
    } finally {
      await t.http().patch(`/api/channels/${channelId}`).set(bearer(owner)).send({ platformPublicKey: platform.publicKey }).expect(200);
    }
    await expect(pay.queryByOutTradeNo(MCH, 'JSAPI20261123B')).resolves.toMatchObject({ tradeState: 'NOTPAY' });
  });
});
