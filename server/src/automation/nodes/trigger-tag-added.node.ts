import { NodeTypeDefinition } from './node-type';
import { knownTags, tagIds } from './schemas';

export const triggerTagAddedNode: NodeTypeDefinition<{ tagIds: number[] }> = {
  type: 'trigger.tag_added',
  category: 'trigger',
  label: { zh: '被打标签', en: 'Tag added' },
  description: { zh: '会员被打上任一所选标签时进入流程。', en: 'A member enters the flow when any of the chosen tags is added to them.' },
  configSchema: { type: 'object', required: ['tagIds'], additionalProperties: false, properties: { tagIds } },
  ports: ['next'],
  check: (config, ctx) => knownTags(config.tagIds, ctx),
  execute: async (_config, step) => ({ port: 'next', detail: step.trigger }),
};
