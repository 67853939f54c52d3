import { NodeTypeDefinition } from './node-type';
import { channelAccountId, templateData, url } from './schemas';

export const actionOaTemplateNode: NodeTypeDefinition = {
  type: 'action.oa_template',
  category: 'action',
  label: { zh: '公众号模板消息', en: 'OA template message' },
  description: {
    zh: '给关注公众号的会员发模板消息；各字段可用会员信息，如 {{member.nickname}}。',
    en: 'Sends an Official Account template message to a follower; fields may use member data such as {{member.nickname}}.',
  },
  configSchema: {
    type: 'object',
    required: ['templateId', 'data'],
    additionalProperties: false,
    properties: {
      channelAccountId,
      templateId: { type: 'string', minLength: 1, maxLength: 64, title: 'Template id' },
      data: templateData,
      url: { ...url, title: 'Link' },
      miniprogramPage: { type: 'string', maxLength: 255, title: 'Mini-program page (instead of the link)' },
    },
  },
  ports: ['next'],
};
