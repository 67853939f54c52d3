import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { MembersModule } from '../members/members.module';
import { SegmentsModule } from '../segments/segments.module';
import { TagsModule } from '../tags/tags.module';
import { FlowCheckService } from './flows/flow-check.service';
import { FlowEntity, FlowVersionEntity } from './flows/flow.entity';
import { FlowsController } from './flows/flows.controller';
import { FlowsService } from './flows/flows.service';
import { NodeTypesController } from './node-types.controller';
import { AutomationClock } from './engine/automation-clock';
import { AutomationTriggersService } from './engine/automation-triggers.service';
import { FlowEnrollmentEntity, FlowStepLogEntity } from './engine/enrollment.entity';
import { EnrollmentsController } from './engine/enrollments.controller';
import { EnrollmentsService } from './engine/enrollments.service';
import { StepRunnerService } from './engine/step-runner.service';

/** Automation: flows drawn from node types, published into immutable versions, and members moving through them. */
@Module({
  imports: [SegmentsModule, TagsModule, EventsModule, MembersModule, TypeOrmModule.forFeature([FlowEntity, FlowVersionEntity, FlowEnrollmentEntity, FlowStepLogEntity])],
  controllers: [NodeTypesController, FlowsController, EnrollmentsController],
  providers: [FlowsService, FlowCheckService, AutomationClock, StepRunnerService, EnrollmentsService, AutomationTriggersService],
  exports: [FlowsService, EnrollmentsService, AutomationClock],
})
export class AutomationModule {}
