import { NodeTypeDefinition } from './node-type';

export const goalEndNode: NodeTypeDefinition<Record<string, never>> = {
  type: 'goal.end',
  category: 'goal',
  label: { zh: '结束', en: 'End' },
  description: { zh: '流程在此结束。', en: 'The flow ends here.' },
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  ports: [],
  execute: async () => ({ finish: 'completed' }),
};
