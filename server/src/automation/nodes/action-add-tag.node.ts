import { NodeTypeDefinition } from './node-type';
import { knownTags, tagIds } from './schemas';

export const actionAddTagNode: NodeTypeDefinition<{ tagIds: number[] }> = {
  type: 'action.add_tag',
  category: 'action',
  label: { zh: '打标签', en: 'Add tags' },
  description: { zh: '给会员打上所选标签。', en: 'Adds the chosen tags to the member.' },
  configSchema: { type: 'object', required: ['tagIds'], additionalProperties: false, properties: { tagIds } },
  ports: ['next'],
  check: (config, ctx) => knownTags(config.tagIds, ctx),
  execute: async (config, step) => ({ port: 'next', detail: { tagIds: config.tagIds, added: await step.addTags(config.tagIds) } }),
};
