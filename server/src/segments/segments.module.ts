import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { TagsModule } from '../tags/tags.module';
import { SegmentsController } from './segments.controller';
import { SegmentsService } from './segments.service';
import { SavedSegmentsService } from './saved-segments.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SegmentCountEntity, SegmentEntity, SegmentMemberEntity } from './segment.entity';
import { EventsModule } from '../events/events.module';
import { LayersController } from './layers/layers.controller';
import { LayersService } from './layers/layers.service';
import { MemberStatsService } from './layers/member-stats.service';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { SegmentJobsController } from './jobs/segment-jobs.controller';
import { SegmentJobsService } from './jobs/segment-jobs.service';
import { SegmentExportService } from './jobs/segment-export.service';
import { SegmentSnapshotService } from './jobs/segment-snapshot.service';
import { SegmentImportService } from './jobs/segment-import.service';

/** Segments: the rule model, its SQL compiler, previews and saved segments. */
@Module({
  imports: [
    MembersModule,
    TagsModule,
    EventsModule,
    TypeOrmModule.forFeature([SegmentEntity, SegmentMemberEntity, SegmentCountEntity]),
    // CSV uploads of segment imports: the same size limit as member imports; browsers send file names in UTF-8
    MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => ({ limits: { fileSize: c.maxUploadBytes, files: 1 }, defParamCharset: 'utf8' }) }),
  ],
  controllers: [LayersController, SegmentsController, SegmentJobsController],
  providers: [SegmentsService, SavedSegmentsService, LayersService, MemberStatsService, SegmentJobsService, SegmentExportService, SegmentImportService, SegmentSnapshotService],
  exports: [SegmentsService, SavedSegmentsService, LayersService, MemberStatsService, SegmentImportService],
})
export class SegmentsModule {}
