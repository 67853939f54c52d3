import { NodeTypeDefinition } from './node-type';

export const actionSetAttributeNode: NodeTypeDefinition<{ field: string; value: unknown }> = {
  type: 'action.set_attribute',
  category: 'action',
  label: { zh: '设置属性', en: 'Set attribute' },
  description: { zh: '把会员的某个自定义属性设为指定值。', en: "Sets one of the member's custom attributes to a value." },
  configSchema: {
    type: 'object',
    required: ['field', 'value'],
    additionalProperties: false,
    properties: {
      field: { type: 'string', pattern: '^attributes\\.[a-z][a-z0-9_]{0,63}$', title: 'Attribute (attributes.<key>)' },
      value: { type: ['string', 'number', 'boolean'], title: 'Value' },
    },
  },
  ports: ['next'],
  check: async (config, ctx) => {
    // an equality rule on the attribute checks both that it exists and that the value fits its type
    const problem = await ctx.ruleProblem({ kind: 'attribute', field: config.field, operator: 'eq', value: config.value });
    return problem ? [{ path: problem.path === 'value' ? 'value' : 'field', message: problem.message }] : [];
  },
  execute: async (config, step) => {
    await step.setAttribute(config.field.slice('attributes.'.length), config.value as string | number | boolean);
    return { port: 'next', detail: { field: config.field, value: config.value } };
  },
};
