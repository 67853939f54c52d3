import { normalizePayNotify } from './pay-event';

const paid = {
  appid: 'wxmp', mchid: '1900000109', out_trade_no: 'O20261123001', transaction_id: '4200000000202611230001', trade_state: 'SUCCESS',
  success_time: '2026-11-23T10:00:00+08:00', payer: { openid: 'oPayer1' }, amount: { total: 19900, payer_total: 18900, currency: 'CNY' },
};

describe('WeChat Pay notifies become events', () => {
  it('a successful payment is pay.paid for the payer, keyed on the transaction', () => {
    expect(normalizePayNotify('1900000109', 'TRANSACTION.SUCCESS', paid)).toMatchObject({
      type: 'pay.paid',
      dedupeKey: 'pay:1900000109:txn:4200000000202611230001',
      subject: { type: 'mp_openid', appId: 'wxmp', value: 'oPayer1' },
      occurredAt: new Date('2026-11-23T02:00:00Z'),
      properties: { transactionId: '4200000000202611230001', outTradeNo: 'O20261123001', amount: 19900, payerAmount: 18900 },
    });
  });

  it('a refund is pay.refunded keyed on the refund id', () => {
    const e = normalizePayNotify('1900000109', 'REFUND.SUCCESS', { mchid: '1900000109', refund_id: '50000000', refund_status: 'SUCCESS', out_trade_no: 'O1', amount: { refund: 500 } });
    expect(e).toMatchObject({ type: 'pay.refunded', dedupeKey: 'pay:1900000109:refund:50000000', properties: { amount: 500 } });
  });

  it('ignores other merchants, unfinished states and unknown notifies', () => {
    expect(normalizePayNotify('1900000110', 'TRANSACTION.SUCCESS', paid)).toBeNull();
    expect(normalizePayNotify('1900000109', 'TRANSACTION.SUCCESS', { ...paid, trade_state: 'NOTPAY' })).toBeNull();
    expect(normalizePayNotify('1900000109', 'REFUND.ABNORMAL', {})).toBeNull();
  });
});
