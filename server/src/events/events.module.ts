import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { EventEntity } from './event.entity';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { EventResolutionService } from './event-resolution.service';
import { CustomEventsService } from './custom-events.service';
import { EventMergeParticipant } from './event-merge.participant';
import { EventIngestService } from './event-ingest.service';

@Module({
  imports: [MembersModule, TypeOrmModule.forFeature([EventEntity])],
  controllers: [EventsController],
  providers: [EventsService, EventResolutionService, CustomEventsService, EventMergeParticipant, EventIngestService],
  exports: [EventsService, EventResolutionService, EventIngestService],
})
export class EventsModule {}
