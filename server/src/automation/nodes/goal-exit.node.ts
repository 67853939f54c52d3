import { NodeTypeDefinition } from './node-type';

export const goalExitNode: NodeTypeDefinition<{ reason?: string }> = {
  type: 'goal.exit',
  category: 'goal',
  label: { zh: '退出', en: 'Exit' },
  description: { zh: '会员在此退出流程，并记录退出原因。', en: 'The member leaves the flow here, with the reason recorded.' },
  configSchema: { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 64, title: 'Reason' } } },
  ports: [],
  execute: async (config) => ({ finish: 'exited', detail: config.reason ? { reason: config.reason } : undefined }),
};
