import { NodeTypeDefinition } from './node-type';
import { Duration, duration, durationProblems, eventFilter, eventTypeName, propertyFilters } from './schemas';

interface Config {
  eventType: string;
  properties?: unknown[];
  timeout: Duration;
}

export const conditionWaitForEventNode: NodeTypeDefinition<Config> = {
  type: 'condition.wait_for_event',
  category: 'condition',
  label: { zh: '等待事件', en: 'Wait for event' },
  description: {
    zh: '等待会员发生某个事件：在期限内发生走“是”，超时走“超时”。例如“3 天内核销了吗？”',
    en: 'Waits for the member to do something: "yes" when it happens in time, "timeout" when the time runs out ("redeemed within 3 days?").',
  },
  configSchema: {
    type: 'object',
    required: ['eventType', 'timeout'],
    additionalProperties: false,
    properties: { eventType: eventTypeName, properties: propertyFilters, timeout: { ...duration, title: 'Timeout' } },
  },
  ports: ['yes', 'timeout'],
  holds: true,
  check: async (config, ctx) => [...durationProblems(config.timeout, 'timeout'), ...(await eventFilter(config, ctx))],
};
