import { NodeTypeDefinition } from './node-type';

export const conditionIfElseNode: NodeTypeDefinition<{ rule: Record<string, unknown> }> = {
  type: 'condition.if_else',
  category: 'condition',
  label: { zh: '条件判断', en: 'If / else' },
  description: {
    zh: '按分群规则判断会员（属性、标签、分群成员、行为历史），符合走“是”，否则走“否”。',
    en: 'Checks the member against a segment rule (attributes, tags, segment membership, event history): yes or no.',
  },
  configSchema: {
    type: 'object',
    required: ['rule'],
    additionalProperties: false,
    properties: { rule: { type: 'object', title: 'Rule (as in segments)', description: 'a segment rule tree, e.g. {"kind":"tags","match":"any","tagIds":[1]}' } },
  },
  ports: ['yes', 'no'],
  check: async (config, ctx) => {
    const problem = await ctx.ruleProblem(config.rule);
    return problem ? [{ path: problem.path ? `rule.${problem.path}` : 'rule', message: problem.message }] : [];
  },
  execute: async (config, step) => ({ port: (await step.matchesRule(config.rule)) ? 'yes' : 'no' }),
};
