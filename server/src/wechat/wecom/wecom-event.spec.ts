import { normalizeWecomPush } from './wecom-event';

const base = { ToUserName: 'ww1', FromUserName: 'sys', CreateTime: '1700000000', MsgType: 'event' };

describe('WeCom pushes become events', () => {
  it('a customer adding a staff member, with the channel state and welcome code', () => {
    const [e] = normalizeWecomPush('ww1', { ...base, Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'zhangsan', ExternalUserID: 'wmABC', State: 'store_12', WelcomeCode: 'WC1' });
    expect(e).toMatchObject({
      type: 'wecom.contact_added',
      subject: { type: 'wecom_external_userid', appId: 'ww1', value: 'wmABC' },
      properties: { staffUserId: 'zhangsan', externalUserId: 'wmABC', state: 'store_12', welcomeCode: 'WC1' },
      dedupeKey: 'wecom:ww1:add_external_contact:zhangsan:wmABC:1700000000',
    });
  });

  it('removals in both directions are told apart (the customer leaving is the churn signal)', () => {
    expect(normalizeWecomPush('ww1', { ...base, Event: 'change_external_contact', ChangeType: 'del_follow_user', UserID: 'u', ExternalUserID: 'wm1' })[0].type).toBe('wecom.staff_removed_by_contact');
    expect(normalizeWecomPush('ww1', { ...base, Event: 'change_external_contact', ChangeType: 'del_external_contact', UserID: 'u', ExternalUserID: 'wm1', Source: 'DELETE_BY_TRANSFER' })[0]).toMatchObject({ type: 'wecom.contact_removed_by_staff', properties: { source: 'DELETE_BY_TRANSFER' } });
  });

  it('a group change yields one event per customer who joined', () => {
    const events = normalizeWecomPush('ww1', {
      ...base, Event: 'change_external_chat', ChangeType: 'update', UpdateDetail: 'add_member', ChatId: 'wrCHAT', JoinScene: '3',
      'MemChangeList.Item[0]': 'wmA', 'MemChangeList.Item[1]': 'staff_li', 'MemChangeList.Item[2]': 'wmB',
    });
    expect(events.map((e) => `${e.type}:${e.subject?.value}`)).toEqual(['wecom.group_joined:wmA', 'wecom.group_joined:wmB']);
    expect(events[0].properties).toEqual({ chatId: 'wrCHAT', externalUserId: 'wmA', joinScene: 3 });
  });

  it('tag changes have no member; app messages and unknown pushes are ignored', () => {
    const [t] = normalizeWecomPush('ww1', { ...base, Event: 'change_external_tag', Id: 'et1', TagType: 'tag', ChangeType: 'create' });
    expect(t).toMatchObject({ type: 'wecom.tag_changed', subject: null, properties: { tagId: 'et1', tagType: 'tag', changeType: 'create' } });
    expect(normalizeWecomPush('ww1', { ...base, MsgType: 'text', Content: 'hi' })).toEqual([]);
    expect(normalizeWecomPush('ww1', { ...base, Event: 'change_external_contact', ChangeType: 'transfer_fail', UserID: 'u', ExternalUserID: 'wm' })).toEqual([]);
  });
});
