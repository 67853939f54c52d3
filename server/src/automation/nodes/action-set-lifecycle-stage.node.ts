import { LIFECYCLE_STAGES } from '../../members/member.entity';
import { NodeTypeDefinition } from './node-type';

export const actionSetLifecycleStageNode: NodeTypeDefinition<{ stage: string }> = {
  type: 'action.set_lifecycle_stage',
  category: 'action',
  label: { zh: '更改生命周期阶段', en: 'Change lifecycle stage' },
  description: { zh: '把会员的生命周期阶段改为所选阶段。', en: "Moves the member to the chosen lifecycle stage." },
  configSchema: { type: 'object', required: ['stage'], additionalProperties: false, properties: { stage: { enum: [...LIFECYCLE_STAGES], title: 'Stage' } } },
  ports: ['next'],
  execute: async (config, step) => {
    await step.setLifecycleStage(config.stage);
    return { port: 'next', detail: { stage: config.stage } };
  },
};
