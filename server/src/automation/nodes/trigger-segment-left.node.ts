import { NodeTypeDefinition } from './node-type';
import { id, knownSegment } from './schemas';

export const triggerSegmentLeftNode: NodeTypeDefinition<{ segmentId: number }> = {
  type: 'trigger.segment_left',
  category: 'trigger',
  label: { zh: '离开分群', en: 'Left a segment' },
  description: {
    zh: '会员不再符合某个已跟踪的分群时进入流程。',
    en: 'A member enters the flow when they stop matching a tracked segment.',
  },
  configSchema: { type: 'object', required: ['segmentId'], additionalProperties: false, properties: { segmentId: { ...id, title: 'Segment' } } },
  ports: ['next'],
  check: (config, ctx) => knownSegment(config.segmentId, ctx, true),
  execute: async (_config, step) => ({ port: 'next', detail: step.trigger }),
};
