import { Inject, Injectable } from '@nestjs/common';
import { KeyObject, generateKeyPairSync, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { BadInputError } from '../../platform/errors/app-error';
import { ChannelsService } from '../channels/channels.service';
import { encryptPayResource, signPayNotify } from '../crypto';
import { WechatEndpoints } from '../wechat-endpoints';
import type { EmitResult } from './sandbox-oa-emitter';

export interface PayEmit {
  mchId: string;
  kind: 'paid' | 'refunded';
  openid: string;
  appId?: string;
  /** fen */
  amount: number;
  outTradeNo?: string;
  transactionId?: string;
  /** RFC 3339; defaults to now */
  successTime?: string;
  attach?: string;
}

/**
 * Plays WeChat Pay: a platform key pair of its own (operators paste its public key into the Pay
 * channel account, as they would WeChat Pay's), and signed, encrypted notifies to our notify URL.
 */
@Injectable()
export class SandboxPayEmitter {
  private keys?: { privateKey: KeyObject; publicPem: string; serial: string };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly endpoints: WechatEndpoints,
  ) {}

  platformKey(): { serialNo: string; publicKey: string } {
    const k = this.keyPair();
    return { serialNo: k.serial, publicKey: k.publicPem };
  }

  /** Wechatpay-* headers for an API answer, signed with the platform key as WeChat Pay signs its answers. */
  signAnswer(body: string): Record<string, string> {
    const k = this.keyPair();
    return signPayNotify({ privateKey: k.privateKey, serial: k.serial, body });
  }

  async emit(e: PayEmit): Promise<EmitResult> {
    const s = await this.channels.findByExternalId('pay', e.mchId);
    if (!s?.apiV3Key) throw new BadInputError(`no WeChat Pay merchant ${e.mchId}`, [{ field: 'mchId', message: 'no such Pay account' }]);
    const now = new Date();
    const transactionId = e.transactionId ?? `42000${Date.now()}${String(randomBytes(3).readUIntBE(0, 3)).padStart(8, '0')}`;
    const outTradeNo = e.outTradeNo ?? `SBX${Date.now()}`;
    const successTime = e.successTime ?? now.toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const resource =
      e.kind === 'paid'
        ? {
            appid: e.appId ?? this.config.wechat.miniappAppId, mchid: e.mchId, out_trade_no: outTradeNo, transaction_id: transactionId, trade_type: 'JSAPI',
            trade_state: 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'OTHERS', attach: e.attach ?? '', success_time: successTime,
            payer: { openid: e.openid }, amount: { total: e.amount, payer_total: e.amount, currency: 'CNY', payer_currency: 'CNY' },
          }
        : {
            mchid: e.mchId, out_trade_no: outTradeNo, transaction_id: transactionId, out_refund_no: `R${outTradeNo}`, refund_id: `50300${Date.now()}`,
            refund_status: 'SUCCESS', success_time: successTime, user_received_account: '支付用户零钱', amount: { total: e.amount, refund: e.amount, payer_total: e.amount, payer_refund: e.amount },
          };
    const sealed = encryptPayResource(s.apiV3Key, JSON.stringify(resource), { associatedData: e.kind === 'paid' ? 'transaction' : 'refund', originalType: e.kind === 'paid' ? 'transaction' : 'refund' });
    const body = JSON.stringify({
      id: `EV-${randomBytes(8).toString('hex')}`, create_time: successTime, resource_type: 'encrypt-resource',
      event_type: e.kind === 'paid' ? 'TRANSACTION.SUCCESS' : 'REFUND.SUCCESS', summary: e.kind === 'paid' ? '支付成功' : '退款成功', resource: sealed,
    });
    const k = this.keyPair();
    const headers = signPayNotify({ privateKey: k.privateKey, serial: k.serial, body });
    const url = `${this.endpoints.ownOrigin()}/wechat/pay/${e.mchId}/notify`;
    const res = await fetch(url, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' }, signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.text(), request: { url, body } };
  }

  private keyPair() {
    if (!this.keys) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.keys = { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), serial: `SBX${randomBytes(8).toString('hex').toUpperCase()}` };
    }
    return this.keys;
  }
}
