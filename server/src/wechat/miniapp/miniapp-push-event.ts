import type { NewEvent } from '../../events/events.service';

type Normalized = Omit<NewEvent, 'raw'>;

interface SubscribeItem {
  templateId: string;
  status: string;
  scene?: string;
}

/**
 * Mini-program message push → events. Tracks subscribe-message consent: each "accept" in
 * wx.requestSubscribeMessage is one send credit for that template (subscribe_msg_popup_event),
 * and changes made later in the settings page (subscribe_msg_change_event). Pure.
 */
export function normalizeMiniappPush(appId: string, f: Record<string, unknown>): Normalized[] {
  const openid = str(f.FromUserName);
  const createTime = str(f.CreateTime);
  if (!openid || !/^\d{1,12}$/.test(createTime) || str(f.MsgType) !== 'event') return [];
  const event = str(f.Event);
  const source = event === 'subscribe_msg_popup_event' ? 'popup' : event === 'subscribe_msg_change_event' ? 'settings' : null;
  if (!source) return [];
  return subscribeItems(f).map((item) => ({
    type: 'mp.subscribe_result',
    source: 'miniapp',
    occurredAt: new Date(Number(createTime) * 1000),
    subject: { type: 'mp_openid', appId, value: openid },
    dedupeKey: `mp:${appId}:${openid}:${createTime}:${source}:${item.templateId}`,
    properties: { templateId: item.templateId, status: item.status, via: source, ...(item.scene ? { popupScene: item.scene } : {}) },
  }));
}

/** The template list, from JSON (`List` object or array) or flattened XML keys (`…List[0].TemplateId`). */
export function subscribeItems(f: Record<string, unknown>): SubscribeItem[] {
  const fromObject = (o: unknown): SubscribeItem | null => {
    if (!o || typeof o !== 'object') return null;
    const r = o as Record<string, unknown>;
    const templateId = str(r.TemplateId);
    const status = str(r.SubscribeStatusString);
    return templateId && status ? { templateId, status, scene: str(r.PopupScene) || undefined } : null;
  };
  if (f.List !== undefined) {
    const list = Array.isArray(f.List) ? f.List : [f.List];
    return list.map(fromObject).filter((x): x is SubscribeItem => x !== null);
  }
  const groups = new Map<string, Record<string, unknown>>();
  for (const [key, value] of Object.entries(f)) {
    const m = /^(?:SubscribeMsgPopupEvent|SubscribeMsgChangeEvent)\.List(\[\d+\])?\.(TemplateId|SubscribeStatusString|PopupScene)$/.exec(key);
    if (!m) continue;
    const g = groups.get(m[1] ?? '') ?? {};
    g[m[2]] = value;
    groups.set(m[1] ?? '', g);
  }
  return [...groups.values()].map(fromObject).filter((x): x is SubscribeItem => x !== null);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
