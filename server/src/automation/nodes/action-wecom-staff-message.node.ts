import { NodeTypeDefinition } from './node-type';
import { templateText, url } from './schemas';

export const STAFF_RECIPIENTS = ['triggering_staff', 'superior', 'following_staff', 'first_adder', 'store_manager', 'named_staff'] as const;

export const actionWecomStaffMessageNode: NodeTypeDefinition = {
  type: 'action.wecom_staff_message',
  category: 'action',
  label: { zh: '通知员工（企业微信）', en: 'WeCom message to staff' },
  description: {
    zh: '给员工发企业微信应用消息：触发事件的员工、其上级、添加该会员的所有员工、首个添加的员工、门店店长或指定员工。',
    en: 'Sends a WeCom app message to staff: the staff tied to the triggering event, their superior, every staff member following the member, the first to add them, the store manager, or named staff.',
  },
  configSchema: {
    type: 'object',
    required: ['recipient', 'text'],
    additionalProperties: false,
    properties: {
      recipient: { enum: [...STAFF_RECIPIENTS], title: 'To' },
      staffUserIds: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 64 }, minItems: 1, maxItems: 100, uniqueItems: true, title: 'Named staff (WeCom user ids)' },
      text: { ...templateText, title: 'Text' },
      url: { ...url, title: 'Link' },
    },
    if: { properties: { recipient: { const: 'named_staff' } } },
    then: { required: ['staffUserIds'] },
  },
  ports: ['next'],
};
