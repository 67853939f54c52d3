import { NodeTypeDefinition } from './node-type';
import { channelAccountId, templateText } from './schemas';

export const actionOaServiceMessageNode: NodeTypeDefinition = {
  type: 'action.oa_service_message',
  category: 'action',
  label: { zh: '公众号客服消息', en: 'OA customer-service message' },
  description: {
    zh: '在 48 小时客服窗口内给会员发公众号客服消息（文本，可含会员信息）。',
    en: 'Sends an Official Account customer-service message (text with member fields) while the 48-hour window is open.',
  },
  configSchema: {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: { channelAccountId, text: { ...templateText, title: 'Text' } },
  },
  ports: ['next'],
};
