import { NodeTypeDefinition } from './node-type';
import { Duration, duration, durationProblems, eventFilter, eventTypeName, propertyFilters } from './schemas';

interface Config {
  eventType: string;
  properties?: unknown[];
  window: Duration;
}

export const goalEventNode: NodeTypeDefinition<Config> = {
  type: 'goal.event',
  category: 'goal',
  label: { zh: '转化目标', en: 'Goal' },
  description: {
    zh: '会员在转化窗口内（自进入流程起）发生目标事件即算转化并退出流程；到达此节点的会员等待至窗口结束。',
    en: 'A member who does the goal event within the conversion window (from entering the flow) counts as converted and leaves the flow; members reaching this node wait until the window ends.',
  },
  configSchema: {
    type: 'object',
    required: ['eventType', 'window'],
    additionalProperties: false,
    properties: { eventType: eventTypeName, properties: propertyFilters, window: { ...duration, title: 'Conversion window' } },
  },
  ports: [],
  holds: true,
  check: async (config, ctx) => [...durationProblems(config.window, 'window'), ...(await eventFilter(config, ctx))],
};
