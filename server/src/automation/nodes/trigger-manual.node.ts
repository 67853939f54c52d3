import { NodeTypeDefinition } from './node-type';

export const triggerManualNode: NodeTypeDefinition<Record<string, never>> = {
  type: 'trigger.manual',
  category: 'trigger',
  label: { zh: '手动或接口加入', en: 'Manual or API enrollment' },
  description: {
    zh: '运营人员在后台选择会员，或其他系统通过接口把会员加入流程。',
    en: 'Operators add members by hand, or another system enrolls them through the API.',
  },
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  ports: ['next'],
  execute: async () => ({ port: 'next' }),
};
