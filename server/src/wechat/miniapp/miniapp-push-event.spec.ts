import { normalizeMiniappPush } from './miniapp-push-event';

const base = { ToUserName: 'gh_1', FromUserName: 'oMp1', CreateTime: 1700000000, MsgType: 'event' };

describe('mini-program pushes become subscribe-consent events', () => {
  it('one event per template of a JSON popup result', () => {
    const events = normalizeMiniappPush('wxmp', {
      ...base,
      Event: 'subscribe_msg_popup_event',
      List: [
        { TemplateId: 'TPL_A', SubscribeStatusString: 'accept', PopupScene: '0' },
        { TemplateId: 'TPL_B', SubscribeStatusString: 'reject', PopupScene: '0' },
      ],
    });
    expect(events.map((e) => [e.type, e.properties.templateId, e.properties.status])).toEqual([
      ['mp.subscribe_result', 'TPL_A', 'accept'],
      ['mp.subscribe_result', 'TPL_B', 'reject'],
    ]);
    expect(events[0]).toMatchObject({ subject: { type: 'mp_openid', appId: 'wxmp', value: 'oMp1' }, dedupeKey: 'mp:wxmp:oMp1:1700000000:popup:TPL_A' });
  });

  it('reads the flattened XML form and settings changes', () => {
    const xml = normalizeMiniappPush('wxmp', {
      ...base, CreateTime: '1700000001', Event: 'subscribe_msg_change_event',
      'SubscribeMsgChangeEvent.List.TemplateId': 'TPL_C', 'SubscribeMsgChangeEvent.List.SubscribeStatusString': 'reject',
    });
    expect(xml).toHaveLength(1);
    expect(xml[0].properties).toEqual({ templateId: 'TPL_C', status: 'reject', via: 'settings' });
    const many = normalizeMiniappPush('wxmp', {
      ...base, CreateTime: '1700000002', Event: 'subscribe_msg_popup_event',
      'SubscribeMsgPopupEvent.List[0].TemplateId': 'T1', 'SubscribeMsgPopupEvent.List[0].SubscribeStatusString': 'accept',
      'SubscribeMsgPopupEvent.List[1].TemplateId': 'T2', 'SubscribeMsgPopupEvent.List[1].SubscribeStatusString': 'accept',
    });
    expect(many.map((e) => e.properties.templateId)).toEqual(['T1', 'T2']);
  });

  it('ignores other pushes and malformed ones', () => {
    expect(normalizeMiniappPush('wxmp', { ...base, Event: 'debug_demo' })).toEqual([]);
    expect(normalizeMiniappPush('wxmp', { ...base, CreateTime: 'x', Event: 'subscribe_msg_popup_event', List: [] })).toEqual([]);
    expect(normalizeMiniappPush('wxmp', { ...base, Event: 'subscribe_msg_popup_event', List: [{ TemplateId: 'T' }] })).toEqual([]);
  });
});
