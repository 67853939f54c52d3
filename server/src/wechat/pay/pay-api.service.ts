import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import Pay from 'wechatpay-node-v3';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { ChannelsService } from '../channels/channels.service';
import { WechatEndpoints } from '../wechat-endpoints';
import { PayApiError, payErrorFrom } from './pay-api-error';
import { PayTransport } from './pay-transport';

const TRANSIENT_RETRIES = 2;

export interface JsapiPrepayInput {
  /** the mini-program paid through; defaults to the configured one */
  appId?: string;
  /** the payer's openid in that mini-program */
  openid: string;
  /** 6-32 letters, digits, _-|* ; retry a failed prepay with the same number */
  outTradeNo: string;
  description: string;
  /** fen */
  amount: number;
  attach?: string;
  /** RFC 3339, e.g. 2026-11-23T10:30:00+08:00 */
  timeExpire?: string;
}

/** What wx.requestPayment takes (`appId` is signed but not passed to it; JSAPI's bridge takes it too). */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface JsapiPrepay {
  prepayId: string;
  payment: RequestPaymentParams;
}

export interface PayTransaction {
  appId: string;
  mchId: string;
  outTradeNo: string;
  transactionId: string | null;
  /** SUCCESS, NOTPAY, CLOSED, REFUND, USERPAYING, PAYERROR, REVOKED */
  tradeState: string;
  tradeStateDesc: string;
  payerOpenid: string | null;
  /** fen */
  amount: number;
  payerAmount: number | null;
  successTime: string | null;
  attach: string | null;
}

interface RawTransaction {
  appid?: string;
  mchid?: string;
  out_trade_no?: string;
  transaction_id?: string;
  trade_state?: string;
  trade_state_desc?: string;
  success_time?: string;
  attach?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number };
}

/**
 * WeChat Pay v3 for a Pay channel account, through wechatpay-node-v3: JSAPI / mini-program prepay
 * with the wx.requestPayment parameters signed by the merchant key, and order queries. The library's
 * host is fixed, so its transport is swapped for one that goes where WechatEndpoints.pay says and
 * checks the platform signature of answers. Transient failures retry with backoff; the rest surface as
 * a typed PayApiError.
 */
@Injectable()
export class PayApiService {
  private readonly logger = new Logger('PayApi');
  private readonly clients = new Map<string, { fingerprint: string; pay: Pay }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly endpoints: WechatEndpoints,
  ) {}

  async prepayJsapi(mchId: string, input: JsapiPrepayInput): Promise<JsapiPrepay> {
    const appId = input.appId ?? this.config.wechat.miniappAppId;
    const params = {
      appid: appId,
      description: input.description,
      out_trade_no: input.outTradeNo,
      notify_url: `${this.endpoints.publicUrl}/wechat/pay/${mchId}/notify`,
      amount: { total: input.amount, currency: 'CNY' },
      payer: { openid: input.openid },
      ...(input.attach ? { attach: input.attach } : {}),
      ...(input.timeExpire ? { time_expire: input.timeExpire } : {}),
    };
    const api = '/v3/pay/transactions/jsapi';
    const res = await this.call(mchId, api, (pay) => pay.transactions_jsapi(params));
    const data = res.data as Partial<RequestPaymentParams> | undefined;
    const prepayId = /^prepay_id=(.+)$/.exec(data?.package ?? '')?.[1];
    if (!prepayId || !data?.timeStamp || !data.nonceStr || !data.paySign) throw new PayApiError('BAD_ANSWER', 'no prepay_id in the answer', api, res.status);
    return { prepayId, payment: { appId, timeStamp: data.timeStamp, nonceStr: data.nonceStr, package: data.package!, signType: 'RSA', paySign: data.paySign } };
  }

  /** The order as WeChat Pay knows it (when no notify came, or to check one). */
  async queryByOutTradeNo(mchId: string, outTradeNo: string): Promise<PayTransaction> {
    const res = await this.call(mchId, '/v3/pay/transactions/out-trade-no', (pay) => pay.query({ out_trade_no: outTradeNo }));
    const t = (res.data ?? {}) as RawTransaction;
    return {
      appId: t.appid ?? '',
      mchId: t.mchid ?? mchId,
      outTradeNo: t.out_trade_no ?? outTradeNo,
      transactionId: t.transaction_id ?? null,
      tradeState: t.trade_state ?? 'UNKNOWN',
      tradeStateDesc: t.trade_state_desc ?? '',
      payerOpenid: t.payer?.openid ?? null,
      amount: t.amount?.total ?? 0,
      payerAmount: t.amount?.payer_total ?? null,
      successTime: t.success_time ?? null,
      attach: t.attach || null,
    };
  }

  private async call(mchId: string, api: string, fn: (pay: Pay) => Promise<{ status: number; data?: unknown; error?: unknown }>) {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fn(await this.client(mchId));
        if (res.status >= 200 && res.status < 300) return res;
        throw payErrorFrom(api, res.status, res.error);
      } catch (e) {
        const err = e instanceof PayApiError ? e : new PayApiError('CLIENT_ERROR', (e as Error).message, api, 0);
        if (err.kind === 'transient' && attempt < TRANSIENT_RETRIES) {
          await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
          continue;
        }
        this.logger.warn(`Pay ${mchId} ${api}: ${err.httpStatus} ${err.code} ${err.detail}`);
        throw err;
      }
    }
  }

  /** One library client per merchant, rebuilt when its keys or where WeChat Pay is change. */
  private async client(mchId: string): Promise<Pay> {
    const s = await this.channels.findByExternalId('pay', mchId);
    if (!s?.privateKey || !s.account.certSerialNo) throw new PayApiError('NO_ACCOUNT', `no WeChat Pay merchant ${mchId} with a private key and certificate serial`, 'client', 0);
    const { platformPublicKey, platformSerialNo, certSerialNo } = s.account;
    const origin = this.endpoints.pay;
    const fingerprint = createHash('sha256').update([s.privateKey, certSerialNo, s.apiV3Key, platformPublicKey, platformSerialNo, origin].join('\n')).digest('hex');
    const cached = this.clients.get(mchId);
    if (cached?.fingerprint === fingerprint) return cached.pay;
    const publicPem = createPublicKey(createPrivateKey(s.privateKey)).export({ type: 'spki', format: 'pem' }).toString();
    const pay = new Pay({
      appid: this.config.wechat.miniappAppId,
      mchid: mchId,
      // The library insists on the merchant certificate only to read its serial, which we pass
      // as stored (it would lowercase it).
      publicKey: Buffer.from(publicPem),
      privateKey: Buffer.from(s.privateKey),
      serial_no: certSerialNo,
      key: s.apiV3Key ?? undefined,
      userAgent: 'wechat-scrm',
    });
    pay.createHttp(new PayTransport(() => origin, platformPublicKey && platformSerialNo ? { [platformSerialNo]: platformPublicKey } : null));
    this.clients.set(mchId, { fingerprint, pay });
    return pay;
  }
}
