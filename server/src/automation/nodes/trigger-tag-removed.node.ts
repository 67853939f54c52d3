import { NodeTypeDefinition } from './node-type';
import { knownTags, tagIds } from './schemas';

export const triggerTagRemovedNode: NodeTypeDefinition<{ tagIds: number[] }> = {
  type: 'trigger.tag_removed',
  category: 'trigger',
  label: { zh: '被移除标签', en: 'Tag removed' },
  description: { zh: '会员被移除任一所选标签时进入流程。', en: 'A member enters the flow when any of the chosen tags is removed from them.' },
  configSchema: { type: 'object', required: ['tagIds'], additionalProperties: false, properties: { tagIds } },
  ports: ['next'],
  check: (config, ctx) => knownTags(config.tagIds, ctx),
  execute: async (_config, step) => ({ port: 'next', detail: step.trigger }),
};
