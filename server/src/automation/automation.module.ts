import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SegmentsModule } from '../segments/segments.module';
import { TagsModule } from '../tags/tags.module';
import { FlowCheckService } from './flows/flow-check.service';
import { FlowEntity, FlowVersionEntity } from './flows/flow.entity';
import { FlowsController } from './flows/flows.controller';
import { FlowsService } from './flows/flows.service';
import { NodeTypesController } from './node-types.controller';

/** Automation: flows drawn from node types, published into immutable versions. */
@Module({
  imports: [SegmentsModule, TagsModule, TypeOrmModule.forFeature([FlowEntity, FlowVersionEntity])],
  controllers: [NodeTypesController, FlowsController],
  providers: [FlowsService, FlowCheckService],
  exports: [FlowsService],
})
export class AutomationModule {}
