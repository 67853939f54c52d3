import { Inject, Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors/app-error';
import { ChannelsService } from '../channels/channels.service';
import { WechatCryptoError, parsePayAuthorization, verifyPayAuthorization } from '../crypto';
import { SandboxMchState, SandboxTrade } from './sandbox-mch-state';
import type { EmitResult } from './sandbox-oa-emitter';
import { SandboxPayEmitter } from './sandbox-pay-emitter';

/** An answer as WeChat Pay gives it: the HTTP status decides, failures carry `{code, message}`. */
export interface MchAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface SandboxPaid {
  mchId: string;
  outTradeNo: string;
  transactionId: string;
  tradeState: 'SUCCESS';
  notify: EmitResult;
}

const fail = (status: number, code: string, message: string): MchAnswer => ({ status, body: { code, message } });
const param = (message: string) => fail(400, 'PARAM_ERROR', message);
const OUT_TRADE_NO = /^[A-Za-z0-9_*|-]{6,32}$/;

/**
 * Plays api.mch.weixin.qq.com for JSAPI payments: checks the merchant's request signature against
 * the certificate it registered, creates and answers orders, and plays the payer paying (the order
 * turns SUCCESS and a signed notify goes to our notify URL).
 */
@Injectable()
export class SandboxMch {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly state: SandboxMchState,
    private readonly emitter: SandboxPayEmitter,
  ) {}

  /** Checks `Authorization: WECHATPAY2-SHA256-RSA2048 …` over METHOD, path?query, body; the merchant id or a refusal. */
  async authenticate(req: { method: string; url: string; body: string; authorization: unknown }): Promise<{ mchid: string } | MchAnswer> {
    let mchid: string;
    try {
      mchid = parsePayAuthorization(req.authorization).mchid;
    } catch (e) {
      return fail(401, 'SIGN_ERROR', `Authorization 不合法：${(e as Error).message}`);
    }
    const account = await this.channels.findByExternalId('pay', mchid);
    const cert = this.state.merchantCertificate(mchid, () =>
      account?.privateKey && account.account.certSerialNo ? { serialNo: account.account.certSerialNo, publicKey: createPublicKey(createPrivateKey(account.privateKey)) } : null,
    );
    if (!cert) return fail(400, 'MCH_NOT_EXISTS', `商户号 ${mchid} 不存在或未上传 API 证书`);
    try {
      verifyPayAuthorization({
        method: req.method,
        url: req.url,
        body: req.body,
        authorization: req.authorization,
        merchantKeys: (serial) => (serial.toUpperCase() === cert.serialNo.toUpperCase() ? cert.publicKey : undefined),
      });
    } catch (e) {
      if (e instanceof WechatCryptoError) return fail(401, 'SIGN_ERROR', `签名错误：${e.message}`);
      throw e;
    }
    return { mchid };
  }

  /** POST /v3/pay/transactions/jsapi */
  async prepay(mchid: string, text: string): Promise<MchAnswer> {
    let b: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return param('请求体须为 JSON 对象');
      b = parsed as Record<string, unknown>;
    } catch {
      return param('请求体不是合法的 JSON');
    }
    const amount = (b.amount ?? {}) as { total?: unknown; currency?: unknown };
    const payer = (b.payer ?? {}) as { openid?: unknown };
    if (typeof b.appid !== 'string' || !b.appid) return param('appid 为必填项');
    if (b.mchid !== mchid) return param('mchid 须与 Authorization 中的商户号一致');
    if (typeof b.description !== 'string' || !b.description || [...b.description].length > 127) return param('description 为必填项，最长 127 个字符');
    if (typeof b.out_trade_no !== 'string' || !OUT_TRADE_NO.test(b.out_trade_no)) return param('out_trade_no 须为 6-32 位字母、数字或 _-|*');
    if (typeof b.notify_url !== 'string' || !validNotifyUrl(b.notify_url)) return param('notify_url 须为不带查询参数的 http(s) 地址');
    if (typeof amount.total !== 'number' || !Number.isInteger(amount.total) || amount.total < 1) return param('amount.total 须为正整数（分）');
    if (amount.currency !== undefined && amount.currency !== 'CNY') return param('amount.currency 只支持 CNY');
    if (typeof payer.openid !== 'string' || !payer.openid) return param('payer.openid 为必填项');
    if (b.attach !== undefined && (typeof b.attach !== 'string' || [...b.attach].length > 128)) return param('attach 最长 128 个字符');
    if (!(await this.knownApp(b.appid))) return fail(400, 'APPID_MCHID_NOT_MATCH', 'appid 和 mch_id 不匹配');

    const existing = this.state.trade(mchid, b.out_trade_no);
    if (existing) {
      if (existing.state === 'SUCCESS') return fail(400, 'ORDERPAID', '该订单已支付');
      const same = existing.appid === b.appid && existing.openid === payer.openid && existing.total === amount.total && existing.description === b.description;
      return same ? { status: 200, body: { prepay_id: existing.prepayId } } : fail(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
    }
    const trade: SandboxTrade = {
      appid: b.appid,
      mchid,
      outTradeNo: b.out_trade_no,
      description: b.description,
      attach: typeof b.attach === 'string' ? b.attach : '',
      notifyUrl: b.notify_url,
      total: amount.total,
      openid: payer.openid,
      prepayId: `wx${compactTime(new Date())}${randomBytes(10).toString('hex')}`,
      state: 'NOTPAY',
      transactionId: null,
      successTime: null,
      createdAt: new Date().toISOString(),
    };
    this.state.saveTrade(trade);
    return { status: 200, body: { prepay_id: trade.prepayId } };
  }

  /** GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid= */
  query(mchid: string, outTradeNo: string, queryMchid: unknown): MchAnswer {
    if (queryMchid !== mchid) return param('mchid 须与 Authorization 中的商户号一致');
    const t = this.state.trade(mchid, outTradeNo);
    if (!t) return fail(404, 'ORDER_NOT_EXIST', '订单不存在');
    return { status: 200, body: transaction(t) };
  }

  /** The payer pays: the order turns SUCCESS and WeChat Pay notifies the merchant. */
  async pay(outTradeNo: string, mchId?: string): Promise<SandboxPaid> {
    const matches = mchId ? [this.state.trade(mchId, outTradeNo)].filter((t): t is SandboxTrade => !!t) : this.state.tradesNumbered(outTradeNo);
    if (!matches.length) throw new NotFoundError('sandbox WeChat Pay order', outTradeNo);
    if (matches.length > 1) throw new BadInputError(`several merchants have an order ${outTradeNo}; name the merchant`, [{ field: 'mchId', message: 'required: the order number is not unique' }]);
    const t = matches[0];
    if (t.state === 'SUCCESS') throw new ConflictError('outTradeNo', `order ${outTradeNo} is already paid`);
    t.state = 'SUCCESS';
    t.transactionId = `42000${Date.now()}${String(randomBytes(4).readUInt32BE(0) % 1e10).padStart(10, '0')}`;
    t.successTime = new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
    this.state.saveTrade(t);
    const notify = await this.emitter.emit({
      mchId: t.mchid, kind: 'paid', openid: t.openid, appId: t.appid, amount: t.total, outTradeNo: t.outTradeNo,
      transactionId: t.transactionId, successTime: t.successTime, attach: t.attach,
    });
    return { mchId: t.mchid, outTradeNo: t.outTradeNo, transactionId: t.transactionId, tradeState: 'SUCCESS', notify };
  }

  /** The sandbox binds every merchant to the configured mini-program and the brand's OA and mini-program accounts. */
  private async knownApp(appId: string): Promise<boolean> {
    if (appId === this.config.wechat.miniappAppId) return true;
    return !!((await this.channels.findByExternalId('miniapp', appId)) ?? (await this.channels.findByExternalId('oa', appId)));
  }
}

function transaction(t: SandboxTrade): Record<string, unknown> {
  const common = { appid: t.appid, mchid: t.mchid, out_trade_no: t.outTradeNo, attach: t.attach, payer: { openid: t.openid } };
  if (t.state === 'NOTPAY') return { ...common, trade_state: 'NOTPAY', trade_state_desc: '订单未支付', amount: { total: t.total, currency: 'CNY', payer_currency: 'CNY' } };
  return {
    ...common, transaction_id: t.transactionId, trade_type: 'JSAPI', trade_state: 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'OTHERS', success_time: t.successTime,
    amount: { total: t.total, payer_total: t.total, currency: 'CNY', payer_currency: 'CNY' },
  };
}

function validNotifyUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.search && s.length <= 256;
  } catch {
    return false;
  }
}

/** 20261123100000 */
function compactTime(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
