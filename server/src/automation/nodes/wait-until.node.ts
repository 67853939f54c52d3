import { NodeTypeDefinition } from './node-type';
import { localDateTime, localDateTimeProblems } from './schemas';

export const waitUntilNode: NodeTypeDefinition<{ at: string }> = {
  type: 'wait.until',
  category: 'wait',
  label: { zh: '等到指定时间', en: 'Wait until a date and time' },
  description: {
    zh: '等到指定的日期时间（品牌时区）再继续；已过该时间则立即继续。',
    en: "Waits until a date and time in the brand's time zone; members arriving later go straight on.",
  },
  configSchema: { type: 'object', required: ['at'], additionalProperties: false, properties: { at: { ...localDateTime, title: 'Until (brand time zone)' } } },
  ports: ['next'],
  holds: true,
  check: (config) => localDateTimeProblems(config.at, 'at'),
};
