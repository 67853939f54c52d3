import { Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';

export interface SandboxTrade {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  attach: string;
  notifyUrl: string;
  /** fen */
  total: number;
  openid: string;
  prepayId: string;
  state: 'NOTPAY' | 'SUCCESS';
  transactionId: string | null;
  successTime: string | null;
  createdAt: string;
}

/**
 * The sandbox WeChat Pay's memory: the merchant API certificate each merchant registered (learnt the
 * first time the merchant calls, as the merchant platform holds the uploaded certificate, so a key
 * changed on our side afterwards is wrong as it would be) and the JSAPI orders it was asked to create.
 */
@Injectable()
export class SandboxMchState {
  private readonly certificates = new Map<string, { serialNo: string; publicKey: KeyObject }>();
  private readonly trades = new Map<string, SandboxTrade>();

  merchantCertificate(mchid: string, firstSeen: () => { serialNo: string; publicKey: KeyObject } | null): { serialNo: string; publicKey: KeyObject } | null {
    const known = this.certificates.get(mchid);
    if (known) return known;
    const seen = firstSeen();
    if (seen) this.certificates.set(mchid, seen);
    return seen;
  }

  trade(mchid: string, outTradeNo: string): SandboxTrade | undefined {
    return this.trades.get(`${mchid}\n${outTradeNo}`);
  }

  /** Orders of any merchant with this number (the pay control endpoint may omit the merchant). */
  tradesNumbered(outTradeNo: string): SandboxTrade[] {
    return [...this.trades.values()].filter((t) => t.outTradeNo === outTradeNo);
  }

  saveTrade(t: SandboxTrade): void {
    this.trades.set(`${t.mchid}\n${t.outTradeNo}`, t);
  }
}
