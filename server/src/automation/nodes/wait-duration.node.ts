import { NodeTypeDefinition } from './node-type';
import { Duration, duration, durationMs, durationProblems } from './schemas';

export const waitDurationNode: NodeTypeDefinition<{ wait: Duration }> = {
  type: 'wait.duration',
  category: 'wait',
  label: { zh: '等待一段时间', en: 'Wait for a while' },
  description: { zh: '等待指定的分钟、小时或天数后继续。', en: 'Waits the given number of minutes, hours or days, then goes on.' },
  configSchema: { type: 'object', required: ['wait'], additionalProperties: false, properties: { wait: { ...duration, title: 'Wait' } } },
  ports: ['next'],
  holds: true,
  check: (config) => durationProblems(config.wait, 'wait'),
  execute: async (config, step) => {
    const wakeAt = new Date(step.now.getTime() + durationMs(config.wait));
    return { port: 'next', wakeAt, detail: { until: wakeAt.toISOString() } };
  },
};
