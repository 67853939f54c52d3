import { NodeTypeDefinition } from './node-type';

export const actionSmsNode: NodeTypeDefinition = {
  type: 'action.sms',
  category: 'action',
  label: { zh: '短信', en: 'SMS' },
  description: { zh: '给已授权短信的会员发短信（文本，可含会员信息）。', en: 'Sends a text message to a member who consented to SMS (text with member fields).' },
  configSchema: {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: { text: { type: 'string', minLength: 1, maxLength: 500, title: 'Text' } },
  },
  ports: ['next'],
};
