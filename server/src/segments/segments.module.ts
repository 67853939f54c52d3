import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { TagsModule } from '../tags/tags.module';
import { SegmentsController } from './segments.controller';
import { SegmentsService } from './segments.service';
import { SavedSegmentsService } from './saved-segments.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SegmentCountEntity, SegmentEntity, SegmentMemberEntity } from './segment.entity';

/** Segments: the rule model, its SQL compiler, previews and saved segments. */
@Module({
  imports: [MembersModule, TagsModule, TypeOrmModule.forFeature([SegmentEntity, SegmentMemberEntity, SegmentCountEntity])],
  controllers: [SegmentsController],
  providers: [SegmentsService, SavedSegmentsService],
  exports: [SegmentsService, SavedSegmentsService],
})
export class SegmentsModule {}
