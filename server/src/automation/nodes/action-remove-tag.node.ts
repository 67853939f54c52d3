import { NodeTypeDefinition } from './node-type';
import { knownTags, tagIds } from './schemas';

export const actionRemoveTagNode: NodeTypeDefinition<{ tagIds: number[] }> = {
  type: 'action.remove_tag',
  category: 'action',
  label: { zh: '移除标签', en: 'Remove tags' },
  description: { zh: '移除会员身上的所选标签。', en: 'Removes the chosen tags from the member.' },
  configSchema: { type: 'object', required: ['tagIds'], additionalProperties: false, properties: { tagIds } },
  ports: ['next'],
  check: (config, ctx) => knownTags(config.tagIds, ctx),
  execute: async (config, step) => ({ port: 'next', detail: { tagIds: config.tagIds, removed: await step.removeTags(config.tagIds) } }),
};
