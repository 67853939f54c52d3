import { NodeTypeDefinition } from './node-type';
import { url } from './schemas';

export const actionWebhookNode: NodeTypeDefinition = {
  type: 'action.webhook',
  category: 'action',
  label: { zh: 'HTTP 回调', en: 'HTTP webhook' },
  description: {
    zh: '把会员和流程信息 POST 到指定地址，用密钥签名，失败会重试。',
    en: "POSTs the member and flow details to a URL, signed with the secret, retried on failure.",
  },
  configSchema: {
    type: 'object',
    required: ['url', 'secret'],
    additionalProperties: false,
    properties: {
      url: { ...url, title: 'URL' },
      secret: { type: 'string', minLength: 16, maxLength: 128, title: 'Signing secret' },
    },
  },
  ports: ['next'],
};
