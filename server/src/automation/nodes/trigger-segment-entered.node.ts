import { NodeTypeDefinition } from './node-type';
import { id, knownSegment } from './schemas';

export const triggerSegmentEnteredNode: NodeTypeDefinition<{ segmentId: number }> = {
  type: 'trigger.segment_entered',
  category: 'trigger',
  label: { zh: '进入分群', en: 'Entered a segment' },
  description: {
    zh: '会员开始符合某个已跟踪的分群时进入流程。',
    en: 'A member enters the flow when they come to match a tracked segment.',
  },
  configSchema: { type: 'object', required: ['segmentId'], additionalProperties: false, properties: { segmentId: { ...id, title: 'Segment' } } },
  ports: ['next'],
  check: (config, ctx) => knownSegment(config.segmentId, ctx, true),
  execute: async (_config, step) => ({ port: 'next', detail: step.trigger }),
};
