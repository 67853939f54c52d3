import type { NewEvent } from '../../events/events.service';

/**
 * Turns a decrypted OA push into our event, or null for pushes we do not track (e.g. mass-send
 * reports). Pure. Dedupe keys follow WeChat's advice: MsgId for messages; sender + CreateTime +
 * event (+ key) for events.
 */
export function normalizeOaPush(appId: string, f: Record<string, string>): Omit<NewEvent, 'raw'> | null {
  const openid = f.FromUserName;
  const createTime = f.CreateTime;
  if (!openid || !/^\d{1,12}$/.test(createTime ?? '')) return null;
  const occurredAt = new Date(Number(createTime) * 1000);
  const subject = { type: 'oa_openid', appId, value: openid };
  const base = { source: 'oa', occurredAt, subject };
  const eventKey = (suffix: string) => `oa:${appId}:${openid}:${createTime}:${suffix}`;

  if (f.MsgType !== 'event') {
    const msgId = f.MsgId ?? f.MsgID;
    return {
      ...base,
      type: 'oa.message',
      dedupeKey: msgId ? `oa:${appId}:msg:${msgId}` : eventKey(`msg:${f.MsgType}`),
      properties: compact({ msgType: f.MsgType, content: f.Content, msgId, mediaId: f.MediaId, picUrl: f.PicUrl, url: f.Url }),
    };
  }
  const ev = (f.Event ?? '').toLowerCase();
  switch (ev) {
    case 'subscribe': {
      const scene = f.EventKey?.startsWith('qrscene_') ? f.EventKey.slice('qrscene_'.length) : undefined;
      return { ...base, type: 'oa.subscribe', dedupeKey: eventKey(`subscribe:${f.EventKey ?? ''}`), properties: compact({ scene, ticket: f.Ticket }) };
    }
    case 'unsubscribe':
      return { ...base, type: 'oa.unsubscribe', dedupeKey: eventKey('unsubscribe'), properties: {} };
    case 'scan':
      return { ...base, type: 'oa.scan', dedupeKey: eventKey(`scan:${f.EventKey ?? ''}`), properties: compact({ scene: f.EventKey, ticket: f.Ticket }) };
    case 'click':
      return { ...base, type: 'oa.menu_click', dedupeKey: eventKey(`click:${f.EventKey ?? ''}`), properties: compact({ key: f.EventKey }) };
    case 'view':
      return { ...base, type: 'oa.menu_view', dedupeKey: eventKey(`view:${f.EventKey ?? ''}`), properties: compact({ url: f.EventKey, menuId: f.MenuId }) };
    case 'location':
      return {
        ...base,
        type: 'oa.location',
        dedupeKey: eventKey('location'),
        properties: { latitude: Number(f.Latitude), longitude: Number(f.Longitude), precision: Number(f.Precision) },
      };
    case 'templatesendjobfinish':
      return { ...base, type: 'oa.template_result', dedupeKey: `oa:${appId}:tpl:${f.MsgID ?? f.MsgId ?? createTime}`, properties: compact({ msgId: f.MsgID ?? f.MsgId, status: f.Status }) };
    default:
      return null;
  }
}

function compact(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
}
