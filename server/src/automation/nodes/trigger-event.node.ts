import { NodeTypeDefinition } from './node-type';
import { eventFilter, eventTypeName, propertyFilters } from './schemas';

interface Config {
  eventType: string;
  properties?: unknown[];
}

export const triggerEventNode: NodeTypeDefinition<Config> = {
  type: 'trigger.event',
  category: 'trigger',
  label: { zh: '发生事件', en: 'Event occurred' },
  description: {
    zh: '会员发生某个事件（可按事件属性筛选）时进入流程，例如关注公众号、支付成功、自定义事件。',
    en: 'A member enters the flow when an event happens to them (optionally filtered by its properties): a follow, a payment, a custom event.',
  },
  configSchema: {
    type: 'object',
    required: ['eventType'],
    additionalProperties: false,
    properties: { eventType: eventTypeName, properties: propertyFilters },
  },
  ports: ['next'],
  check: (config, ctx) => eventFilter(config, ctx),
  execute: async (_config, step) => ({ port: 'next', detail: step.trigger }),
};
