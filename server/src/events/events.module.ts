import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { EventEntity } from './event.entity';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { EventResolutionService } from './event-resolution.service';
import { CustomEventsService } from './custom-events.service';
import { EventMergeParticipant } from './event-merge.participant';

@Module({
  imports: [MembersModule, TypeOrmModule.forFeature([EventEntity])],
  controllers: [EventsController],
  providers: [EventsService, EventResolutionService, CustomEventsService, EventMergeParticipant],
  exports: [EventsService, EventResolutionService],
})
export class EventsModule {}
