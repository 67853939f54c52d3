import { NodeTypeDefinition } from './node-type';
import { timeOfDay } from './schemas';

interface Config {
  daysOfWeek?: number[];
  from: string;
  to: string;
}

export const waitWindowNode: NodeTypeDefinition<Config> = {
  type: 'wait.window',
  category: 'wait',
  label: { zh: '等到时间窗口', en: 'Wait for a time window' },
  description: {
    zh: '等到每天（或每周指定几天）的某个时段内再继续，例如工作日 10:00–20:00（品牌时区）。',
    en: "Waits until a time-of-day window on chosen days of the week, e.g. weekdays 10:00-20:00 in the brand's time zone.",
  },
  configSchema: {
    type: 'object',
    required: ['from', 'to'],
    additionalProperties: false,
    properties: {
      daysOfWeek: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 }, minItems: 1, maxItems: 7, uniqueItems: true, title: 'Days (1 = Monday); every day when left out' },
      from: { ...timeOfDay, title: 'From' },
      to: { ...timeOfDay, title: 'To' },
    },
  },
  ports: ['next'],
  holds: true,
  check: (config) => (config.from < config.to ? [] : [{ path: 'to', message: `must be later than ${config.from}` }]),
};
