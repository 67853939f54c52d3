/**
 * The node-type registry. Adding a type: one `<category>-<name>.node.ts` file, one line below, and
 * its case in nodes.spec.ts.
 */
import { NodeTypeDefinition } from './node-type';
import { triggerEventNode } from './trigger-event.node';
import { triggerSegmentEnteredNode } from './trigger-segment-entered.node';
import { triggerSegmentLeftNode } from './trigger-segment-left.node';
import { triggerScheduledAudienceNode } from './trigger-scheduled-audience.node';
import { triggerDateAttributeNode } from './trigger-date-attribute.node';
import { triggerTagAddedNode } from './trigger-tag-added.node';
import { triggerTagRemovedNode } from './trigger-tag-removed.node';
import { triggerManualNode } from './trigger-manual.node';
import { conditionIfElseNode } from './condition-if-else.node';
import { splitAbNode } from './split-ab.node';
import { conditionWaitForEventNode } from './condition-wait-for-event.node';
import { conditionReachabilityNode } from './condition-reachability.node';
import { waitDurationNode } from './wait-duration.node';
import { waitUntilNode } from './wait-until.node';
import { waitWindowNode } from './wait-window.node';
import { actionOaTemplateNode } from './action-oa-template.node';
import { actionOaServiceMessageNode } from './action-oa-service-message.node';
import { actionMiniappSubscribeNode } from './action-miniapp-subscribe.node';
import { actionSmsNode } from './action-sms.node';
import { actionWecomMassTaskNode } from './action-wecom-mass-task.node';
import { actionWecomStaffMessageNode } from './action-wecom-staff-message.node';
import { actionAddTagNode } from './action-add-tag.node';
import { actionRemoveTagNode } from './action-remove-tag.node';
import { actionSetAttributeNode } from './action-set-attribute.node';
import { actionSetLifecycleStageNode } from './action-set-lifecycle-stage.node';
import { actionWebhookNode } from './action-webhook.node';
import { goalEventNode } from './goal-event.node';
import { goalExitNode } from './goal-exit.node';
import { goalEndNode } from './goal-end.node';

export const NODE_TYPES: readonly NodeTypeDefinition[] = [
  triggerEventNode,
  triggerSegmentEnteredNode,
  triggerSegmentLeftNode,
  triggerScheduledAudienceNode,
  triggerDateAttributeNode,
  triggerTagAddedNode,
  triggerTagRemovedNode,
  triggerManualNode,
  conditionIfElseNode,
  splitAbNode,
  conditionWaitForEventNode,
  conditionReachabilityNode,
  waitDurationNode,
  waitUntilNode,
  waitWindowNode,
  actionOaTemplateNode,
  actionOaServiceMessageNode,
  actionMiniappSubscribeNode,
  actionSmsNode,
  actionWecomMassTaskNode,
  actionWecomStaffMessageNode,
  actionAddTagNode,
  actionRemoveTagNode,
  actionSetAttributeNode,
  actionSetLifecycleStageNode,
  actionWebhookNode,
  goalEventNode,
  goalExitNode,
  goalEndNode,
] as NodeTypeDefinition[];

const BY_TYPE = new Map(NODE_TYPES.map((d) => [d.type, d]));

export function nodeType(type: string): NodeTypeDefinition | undefined {
  return BY_TYPE.get(type);
}

export type { NodeTypeDefinition } from './node-type';
