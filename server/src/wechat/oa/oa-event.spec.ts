import { normalizeOaPush } from './oa-event';

const base = { ToUserName: 'gh_123', FromUserName: 'oUser1', CreateTime: '1700000000' };

describe('OA pushes become events', () => {
  it('a follow through a parametric QR code carries the scene', () => {
    const e = normalizeOaPush('wxapp', { ...base, MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_store_12', Ticket: 'T' });
    expect(e).toMatchObject({
      type: 'oa.subscribe',
      source: 'oa',
      subject: { type: 'oa_openid', appId: 'wxapp', value: 'oUser1' },
      properties: { scene: 'store_12', ticket: 'T' },
      occurredAt: new Date(1700000000 * 1000),
    });
  });

  it('dedupes events by sender + time + event, messages by MsgId', () => {
    const a = normalizeOaPush('wxapp', { ...base, MsgType: 'event', Event: 'unsubscribe' })!;
    const b = normalizeOaPush('wxapp', { ...base, MsgType: 'event', Event: 'unsubscribe' })!;
    expect(a.dedupeKey).toBe(b.dedupeKey);
    const m = normalizeOaPush('wxapp', { ...base, MsgType: 'text', Content: '你好', MsgId: '23456789012345678' })!;
    expect(m).toMatchObject({ type: 'oa.message', dedupeKey: 'oa:wxapp:msg:23456789012345678', properties: { msgType: 'text', content: '你好', msgId: '23456789012345678' } });
  });

  it('maps scan, menu, location and template results', () => {
    expect(normalizeOaPush('w', { ...base, MsgType: 'event', Event: 'SCAN', EventKey: 'store_9' })).toMatchObject({ type: 'oa.scan', properties: { scene: 'store_9' } });
    expect(normalizeOaPush('w', { ...base, MsgType: 'event', Event: 'CLICK', EventKey: 'V1001_TODAY' })).toMatchObject({ type: 'oa.menu_click', properties: { key: 'V1001_TODAY' } });
    expect(normalizeOaPush('w', { ...base, MsgType: 'event', Event: 'VIEW', EventKey: 'https://x.cn', MenuId: '9' })).toMatchObject({ type: 'oa.menu_view', properties: { url: 'https://x.cn', menuId: '9' } });
    expect(normalizeOaPush('w', { ...base, MsgType: 'event', Event: 'LOCATION', Latitude: '31.2', Longitude: '121.4', Precision: '65' })).toMatchObject({ properties: { latitude: 31.2, longitude: 121.4, precision: 65 } });
    expect(normalizeOaPush('w', { ...base, MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', MsgID: '200163836', Status: 'failed:user block' })).toMatchObject({ type: 'oa.template_result', dedupeKey: 'oa:w:tpl:200163836', properties: { status: 'failed:user block' } });
  });

  it('ignores pushes it does not track and malformed ones', () => {
    expect(normalizeOaPush('w', { ...base, MsgType: 'event', Event: 'MASSSENDJOBFINISH' })).toBeNull();
    expect(normalizeOaPush('w', { ...base, CreateTime: 'yesterday', MsgType: 'text' })).toBeNull();
    expect(normalizeOaPush('w', { ToUserName: 'gh', CreateTime: '1', MsgType: 'text' })).toBeNull();
  });
});
