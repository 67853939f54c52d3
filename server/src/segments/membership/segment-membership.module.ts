import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../../events/events.module';
import { MembersModule } from '../../members/members.module';
import { TagsModule } from '../../tags/tags.module';
import { WecomModule } from '../../wechat/wecom/wecom.module';
import { SegmentsModule } from '../segments.module';
import { MembershipListeners } from './membership-listeners';
import { MembershipWriter } from './membership-writer';
import { SegmentEvaluationPendingEntity, SegmentMembershipEntity } from './segment-membership.entity';
import { SegmentMembershipService } from './segment-membership.service';
import { SegmentSweepService } from './segment-sweep.service';
import { SegmentTrackingService } from './segment-tracking.service';
import { TrackedSegments } from './tracked-segments';

/**
 * Live membership of tracked segments: re-evaluates members as they change and as time passes, and
 * records segment.entered / segment.left on their timelines (what flows will listen to).
 */
@Module({
  imports: [SegmentsModule, EventsModule, MembersModule, TagsModule, WecomModule, TypeOrmModule.forFeature([SegmentMembershipEntity, SegmentEvaluationPendingEntity])],
  providers: [TrackedSegments, MembershipWriter, SegmentMembershipService, SegmentTrackingService, SegmentSweepService, MembershipListeners],
  exports: [SegmentMembershipService, SegmentSweepService],
})
export class SegmentMembershipModule {}
