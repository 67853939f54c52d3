import { NodeTypeDefinition } from './node-type';
import { channelAccountId, templateData } from './schemas';

export const actionMiniappSubscribeNode: NodeTypeDefinition = {
  type: 'action.miniapp_subscribe',
  category: 'action',
  label: { zh: '小程序订阅消息', en: 'Mini-program subscribe message' },
  description: {
    zh: '给已授权订阅的会员发小程序订阅消息（每次授权可发一条）。',
    en: 'Sends a mini-program subscribe message to a member who accepted it (one send per acceptance).',
  },
  configSchema: {
    type: 'object',
    required: ['templateId', 'data'],
    additionalProperties: false,
    properties: {
      channelAccountId,
      templateId: { type: 'string', minLength: 1, maxLength: 64, title: 'Template id' },
      page: { type: 'string', maxLength: 255, title: 'Page to open' },
      data: templateData,
    },
  },
  ports: ['next'],
};
