import { NodeTypeDefinition } from './node-type';

export const conditionReachabilityNode: NodeTypeDefinition<{ channel: string; templateId?: string }> = {
  type: 'condition.reachability',
  category: 'condition',
  label: { zh: '可触达判断', en: 'Reachability' },
  description: {
    zh: '现在能否通过所选渠道触达会员（已关注公众号、客服消息 48 小时窗口、小程序订阅额度、企业微信好友、短信授权）。',
    en: 'Can the member be reached on the channel now (follows the OA, the 48-hour service window is open, a subscribe-message quota is left, a WeCom contact, SMS consent)?',
  },
  configSchema: {
    type: 'object',
    required: ['channel'],
    additionalProperties: false,
    properties: {
      channel: { enum: ['oa_template', 'oa_service', 'miniapp_subscribe', 'wecom', 'sms'], title: 'Channel' },
      templateId: { type: 'string', minLength: 1, maxLength: 64, title: 'Subscribe template (its quota is per template)' },
    },
    if: { properties: { channel: { const: 'miniapp_subscribe' } } },
    then: { required: ['templateId'] },
  },
  ports: ['yes', 'no'],
};
