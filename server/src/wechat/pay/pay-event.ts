import type { NewEvent } from '../../events/events.service';

type Normalized = Omit<NewEvent, 'raw'>;

interface Transaction {
  appid?: string;
  mchid?: string;
  out_trade_no?: string;
  transaction_id?: string;
  trade_state?: string;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number; currency?: string };
}

interface Refund {
  mchid?: string;
  out_trade_no?: string;
  transaction_id?: string;
  out_refund_no?: string;
  refund_id?: string;
  refund_status?: string;
  success_time?: string;
  amount?: { total?: number; refund?: number; payer_refund?: number };
}

/**
 * A decrypted WeChat Pay notify → pay.paid / pay.refunded. Dedupe on the transaction (or refund)
 * id, so WeChat's retries over 24 hours store it once. Returns null for states we do not track
 * or a notify for another merchant. Pure.
 */
export function normalizePayNotify(mchId: string, eventType: string, resource: Record<string, unknown>): Normalized | null {
  if (eventType === 'TRANSACTION.SUCCESS') {
    const t = resource as Transaction;
    if (t.mchid !== mchId || t.trade_state !== 'SUCCESS' || !t.transaction_id || !t.payer?.openid || !t.appid) return null;
    return {
      type: 'pay.paid',
      source: 'pay',
      dedupeKey: `pay:${mchId}:txn:${t.transaction_id}`,
      occurredAt: t.success_time ? new Date(t.success_time) : new Date(),
      subject: { type: 'mp_openid', appId: t.appid, value: t.payer.openid },
      properties: { transactionId: t.transaction_id, outTradeNo: t.out_trade_no, amount: t.amount?.total ?? 0, payerAmount: t.amount?.payer_total ?? t.amount?.total ?? 0 },
    };
  }
  if (eventType === 'REFUND.SUCCESS') {
    const r = resource as Refund;
    if (r.mchid !== mchId || r.refund_status !== 'SUCCESS' || !r.refund_id) return null;
    return {
      type: 'pay.refunded',
      source: 'pay',
      dedupeKey: `pay:${mchId}:refund:${r.refund_id}`,
      occurredAt: r.success_time ? new Date(r.success_time) : new Date(),
      subject: null,
      properties: { refundId: r.refund_id, outRefundNo: r.out_refund_no, transactionId: r.transaction_id, outTradeNo: r.out_trade_no, amount: r.amount?.refund ?? 0 },
    };
  }
  return null;
}
