import { ReplyRule, pickReply } from './oa-auto-reply-match';

const rule = (id: number, over: Partial<ReplyRule>): ReplyRule => ({ id, accountId: null, trigger: 'keyword', keyword: null, match: 'exact', reply: `r${id}`, enabled: true, ...over });

describe('pickReply', () => {
  const rules = [
    rule(1, { trigger: 'subscribe', reply: 'welcome' }),
    rule(2, { trigger: 'subscribe', accountId: 7, reply: 'welcome to 7' }),
    rule(3, { keyword: '优惠', match: 'contains', reply: 'coupon' }),
    rule(4, { keyword: '优惠券', match: 'exact', reply: 'exact coupon' }),
    rule(5, { trigger: 'message', reply: 'fallback' }),
    rule(6, { keyword: '地址', reply: 'disabled', enabled: false }),
  ];

  it('welcomes a new follower, preferring the account-specific rule', () => {
    expect(pickReply(rules, 7, { MsgType: 'event', Event: 'subscribe' })).toBe('welcome to 7');
    expect(pickReply(rules, 8, { MsgType: 'event', Event: 'subscribe' })).toBe('welcome');
    expect(pickReply(rules, 8, { MsgType: 'event', Event: 'unsubscribe' })).toBeNull();
  });

  it('answers keywords, exact before contains, then the fallback', () => {
    expect(pickReply(rules, 1, { MsgType: 'text', Content: ' 优惠券 ' })).toBe('exact coupon');
    expect(pickReply(rules, 1, { MsgType: 'text', Content: '有优惠吗' })).toBe('coupon');
    expect(pickReply(rules, 1, { MsgType: 'text', Content: '地址' })).toBe('fallback');
    expect(pickReply(rules, 1, { MsgType: 'image' })).toBeNull();
    expect(pickReply([], 1, { MsgType: 'text', Content: 'hi' })).toBeNull();
  });
});
