import { NodeTypeDefinition } from './node-type';
import { timeOfDay } from './schemas';

interface Config {
  field: string;
  offsetDays: number;
  yearly?: boolean;
  timeOfDay?: string;
}

export const triggerDateAttributeNode: NodeTypeDefinition<Config> = {
  type: 'trigger.date_attribute',
  category: 'trigger',
  label: { zh: '日期属性', en: 'Date attribute' },
  description: {
    zh: '在会员某个日期（生日、纪念日或任一日期属性）之前或之后 N 天进入流程；可每年重复。',
    en: 'A member enters the flow N days before or after a date of theirs (birthday, an anniversary, any date attribute); optionally every year.',
  },
  configSchema: {
    type: 'object',
    required: ['field', 'offsetDays'],
    additionalProperties: false,
    properties: {
      field: { type: 'string', pattern: '^(birthday|createdAt|firstSeenAt|lastSeenAt|attributes\\.[a-z][a-z0-9_]{0,63})$', title: 'Date field' },
      offsetDays: { type: 'integer', minimum: -365, maximum: 365, title: 'Days after the date (negative: before)' },
      yearly: { type: 'boolean', default: false, title: 'Every year (anniversary)' },
      timeOfDay: { ...timeOfDay, default: '09:00', title: 'Time of day (brand time zone)' },
    },
  },
  ports: ['next'],
  check: async (config, ctx) => {
    // the segment compiler knows which fields are dates and which need no year (a birthday has none)
    const yearly = config.yearly || config.field === 'birthday';
    const problem = await ctx.ruleProblem({ kind: 'attribute', field: config.field, operator: yearly ? 'anniversaryInDays' : 'inNextDays', value: yearly ? 0 : 1 });
    return problem ? [{ path: 'field', message: problem.message }] : [];
  },
};
