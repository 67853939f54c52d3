/**
 * The event-type catalog: every event the product knows, with its property schema. Flow triggers,
 * segment rules and the member timeline read it from GET /api/events/types.
 */
export type PropertyType = 'string' | 'number' | 'boolean' | 'datetime';

export interface EventProperty {
  name: string;
  type: PropertyType;
  label: { 'zh-CN': string; en: string };
}

export interface EventTypeDefinition {
  type: string;
  channel: 'oa' | 'wecom' | 'miniapp' | 'pay' | 'custom' | 'system';
  label: { 'zh-CN': string; en: string };
  description: string;
  properties: EventProperty[];
}

const p = (name: string, type: PropertyType, zh: string, en: string): EventProperty => ({ name, type, label: { 'zh-CN': zh, en } });
const e = (type: string, channel: EventTypeDefinition['channel'], zh: string, en: string, description: string, properties: EventProperty[] = []): EventTypeDefinition => ({
  type,
  channel,
  label: { 'zh-CN': zh, en },
  description,
  properties,
});

const STAFF = p('staffUserId', 'string', '员工', 'staff user id');
const EXTERNAL = p('externalUserId', 'string', '客户 external_userid', 'external_userid');
const SEGMENT_CHANGE = [
  p('segmentId', 'number', '分群 ID', 'segment id'),
  p('segmentName', 'string', '分群名称', 'segment name'),
  p('reason', 'string', '原因：changed / time / rule / merged / reconcile', 'why: changed / time / rule / merged / reconcile'),
];

export const EVENT_CATALOG: EventTypeDefinition[] = [
  e('oa.subscribe', 'oa', '关注公众号', 'Followed the OA', 'A user followed the Official Account, possibly by scanning a parametric QR code.', [
    p('scene', 'string', '二维码场景值', 'QR scene (from qrscene_)'),
    p('ticket', 'string', '二维码 ticket', 'QR ticket'),
  ]),
  e('oa.unsubscribe', 'oa', '取消关注公众号', 'Unfollowed the OA', 'A user unfollowed; OA messages can no longer reach them.'),
  e('oa.scan', 'oa', '扫描带参二维码', 'Scanned a parametric QR', 'A follower scanned a parametric QR code.', [p('scene', 'string', '场景值', 'scene'), p('ticket', 'string', 'ticket', 'ticket')]),
  e('oa.menu_click', 'oa', '点击菜单', 'Clicked a menu', 'A click-type custom menu item.', [p('key', 'string', '菜单 key', 'menu key')]),
  e('oa.menu_view', 'oa', '点击菜单链接', 'Opened a menu link', 'A view-type custom menu item.', [p('url', 'string', '链接', 'URL'), p('menuId', 'string', '菜单 ID', 'menu id')]),
  e('oa.message', 'oa', '发消息给公众号', 'Messaged the OA', 'A user sent a message; opens the 48-hour customer-service window.', [
    p('msgType', 'string', '消息类型', 'message type'),
    p('content', 'string', '内容', 'content'),
    p('msgId', 'string', '消息 ID', 'message id'),
  ]),
  e('oa.location', 'oa', '上报地理位置', 'Reported location', 'Location reported on entering the OA.', [
    p('latitude', 'number', '纬度', 'latitude'),
    p('longitude', 'number', '经度', 'longitude'),
    p('precision', 'number', '精度', 'precision'),
  ]),
  e('oa.template_result', 'oa', '模板消息送达结果', 'Template message result', 'TEMPLATESENDJOBFINISH: whether a template message reached the user.', [
    p('msgId', 'string', '消息 ID', 'message id'),
    p('status', 'string', '状态', 'status'),
  ]),
  e('wecom.contact_added', 'wecom', '添加企业微信', 'Added a WeCom staff', 'A customer and a staff member became contacts.', [
    STAFF,
    EXTERNAL,
    p('state', 'string', '渠道 state', 'channel state'),
    p('welcomeCode', 'string', '欢迎语 code', 'welcome code'),
  ]),
  e('wecom.contact_edited', 'wecom', '员工编辑客户', 'Staff edited the contact', 'Remark or tags changed by the staff member.', [STAFF, EXTERNAL]),
  e('wecom.contact_removed_by_staff', 'wecom', '员工删除客户', 'Staff removed the contact', 'The staff member deleted the customer.', [STAFF, EXTERNAL, p('source', 'string', '来源', 'source')]),
  e('wecom.staff_removed_by_contact', 'wecom', '客户删除员工', 'Customer removed the staff', 'The customer deleted the staff member: a churn signal.', [STAFF, EXTERNAL]),
  e('wecom.tag_changed', 'wecom', '企业标签变更', 'Corp tag changed', 'A corp tag or tag group was created, updated, deleted or reordered.', [
    p('tagId', 'string', '标签 ID', 'tag id'),
    p('tagType', 'string', '类型', 'tag or tag_group'),
    p('changeType', 'string', '变更', 'change'),
  ]),
  e('wecom.group_joined', 'wecom', '加入客户群', 'Joined a customer group', 'The customer joined a WeCom customer group.', [p('chatId', 'string', '群 ID', 'chat id'), p('joinScene', 'number', '入群方式', 'join scene')]),
  e('wecom.group_left', 'wecom', '退出客户群', 'Left a customer group', 'The customer left a WeCom customer group.', [p('chatId', 'string', '群 ID', 'chat id'), p('quitScene', 'number', '退群方式', 'quit scene')]),
  e('mp.login', 'miniapp', '登录小程序', 'Logged in to the mini-program', 'wx.login exchanged for a member session.'),
  e('mp.phone_bound', 'miniapp', '绑定手机号', 'Bound a phone', 'A verified phone number from getPhoneNumber.', [
    p('phoneMasked', 'string', '手机号（脱敏）', 'phone (masked)'),
    p('outcome', 'string', '结果：bound / already / held_by_other', 'outcome: bound / already / held_by_other'),
  ]),
  e('mp.subscribe_result', 'miniapp', '订阅消息授权', 'Subscribe-message consent', 'Accepted or rejected a subscribe-message template (one send per acceptance).', [
    p('templateId', 'string', '模板 ID', 'template id'),
    p('status', 'string', 'accept / reject', 'accept / reject'),
  ]),
  e('mp.page_view', 'miniapp', '浏览小程序页面', 'Viewed a page', 'A page view in the mini-program.', [
    p('path', 'string', '页面路径', 'page path'),
    p('query', 'string', '页面参数', 'query string'),
    p('title', 'string', '页面标题', 'page title'),
    p('referrer', 'string', '来源页面', 'previous page'),
    p('durationMs', 'number', '停留时长（毫秒）', 'time on page (ms)'),
    p('viewId', 'string', '浏览 ID', 'view id'),
  ]),
  e('pay.paid', 'pay', '支付成功', 'Paid', 'A WeChat Pay transaction succeeded.', [
    p('transactionId', 'string', '微信支付单号', 'transaction id'),
    p('outTradeNo', 'string', '商户订单号', 'order number'),
    p('amount', 'number', '金额（分）', 'amount (fen)'),
  ]),
  e('pay.refunded', 'pay', '退款', 'Refunded', 'A refund completed.', [
    p('refundId', 'string', '退款单号', 'refund id'),
    p('outTradeNo', 'string', '商户订单号', 'order number'),
    p('amount', 'number', '金额（分）', 'amount (fen)'),
  ]),
  e('member.merged', 'system', '合并会员', 'Records merged', 'Another member record turned out to be this person (a shared unionid or verified phone) and was merged into this one.', [
    p('mergeId', 'number', '合并记录', 'merge id'),
    p('mergedMemberId', 'number', '被合并会员', 'merged member id'),
    p('reason', 'string', '依据', 'reason'),
  ]),
  e('member.merge_undone', 'system', '撤销合并', 'Merge undone', 'An operator split a merged record again.', [
    p('mergeId', 'number', '合并记录', 'merge id'),
    p('restoredMemberId', 'number', '恢复的会员', 'restored member id'),
  ]),
  e('segment.entered', 'system', '进入分群', 'Entered a segment', 'The member came to match a tracked segment (their data changed, time passed, or the rule changed).', SEGMENT_CHANGE),
  e('segment.left', 'system', '离开分群', 'Left a segment', 'The member no longer matches a tracked segment, or their record was merged into another.', SEGMENT_CHANGE),
];

const BY_TYPE = new Map(EVENT_CATALOG.map((d) => [d.type, d]));

export function eventType(type: string): EventTypeDefinition | undefined {
  return BY_TYPE.get(type);
}

/** Custom events sent through the API are named `custom.<name>`. */
export const CUSTOM_EVENT = /^custom\.[a-z][a-z0-9_.]{0,56}$/;
