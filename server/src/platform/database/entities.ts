import { AdminUserEntity, AdminUserStoreEntity, RefreshTokenEntity } from '../../accounts/admin-user.entity';
import { StoreEntity } from '../../accounts/store.entity';
import { ApiKeyEntity } from '../../accounts/api-key.entity';
import { AttributeDefinitionEntity, MemberAttributeEntity } from '../../members/attribute.entity';
import { MemberIdentityEntity } from '../../members/member-identity.entity';
import { MemberMergeEntity } from '../../members/member-merge.entity';
import { MemberImportEntity, MemberImportErrorEntity } from '../../members/member-import.entity';
import { MemberEntity } from '../../members/member.entity';
import { MemberTagEntity, TagEntity, TagGroupEntity } from '../../tags/tag.entity';
import { TagChannelLinkEntity } from '../../tags/sync/tag-channel-link.entity';
import { SegmentCountEntity, SegmentEntity, SegmentMemberEntity } from '../../segments/segment.entity';
import { SegmentEvaluationPendingEntity, SegmentMembershipEntity } from '../../segments/membership/segment-membership.entity';
import { SegmentJobEntity, SegmentJobErrorEntity } from '../../segments/jobs/segment-job.entity';
import { MemberStatsEntity, SegmentLayerConfigEntity } from '../../segments/layers/layer.entity';
import { AuditLogEntity } from '../audit/audit-log.entity';
import { EventEntity } from '../../events/event.entity';
import { ChannelAccessTokenEntity, ChannelAccountEntity } from '../../wechat/channels/channel-account.entity';
import { OaFollowerImportEntity } from '../../wechat/oa/oa-follower-import.entity';
import { OaAutoReplyEntity } from '../../wechat/oa/oa-auto-reply.entity';
import { WecomDepartmentEntity, WecomStaffEntity, WecomSyncRunEntity } from '../../wechat/wecom/wecom-org.entity';
import { WecomContactFollowEntity } from '../../wechat/wecom/wecom-contact-follow.entity';
import { FlowEntity, FlowVersionEntity } from '../../automation/flows/flow.entity';
import { FlowEnrollmentEntity, FlowStepLogEntity } from '../../automation/engine/enrollment.entity';

/** Every table of the product. Each module owns its own; this list only tells TypeORM about them. */
export const ENTITIES = [
  StoreEntity,
  AdminUserEntity,
  AdminUserStoreEntity,
  RefreshTokenEntity,
  AuditLogEntity,
  MemberEntity,
  MemberIdentityEntity,
  MemberMergeEntity,
  AttributeDefinitionEntity,
  MemberAttributeEntity,
  MemberImportEntity,
  MemberImportErrorEntity,
  TagGroupEntity,
  TagEntity,
  MemberTagEntity,
  TagChannelLinkEntity,
  SegmentEntity,
  SegmentMemberEntity,
  SegmentCountEntity,
  SegmentMembershipEntity,
  SegmentEvaluationPendingEntity,
  SegmentJobEntity,
  SegmentJobErrorEntity,
  MemberStatsEntity,
  SegmentLayerConfigEntity,
  ChannelAccountEntity,
  ChannelAccessTokenEntity,
  OaFollowerImportEntity,
  OaAutoReplyEntity,
  EventEntity,
  ApiKeyEntity,
  WecomDepartmentEntity,
  WecomStaffEntity,
  WecomSyncRunEntity,
  WecomContactFollowEntity,
  FlowEntity,
  FlowVersionEntity,
  FlowEnrollmentEntity,
  FlowStepLogEntity,
];
