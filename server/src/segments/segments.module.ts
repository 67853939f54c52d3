import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { TagsModule } from '../tags/tags.module';
import { SegmentsController } from './segments.controller';
import { SegmentsService } from './segments.service';

/** Segments: the rule model, its SQL compiler and previews (saved segments come next). */
@Module({ imports: [MembersModule, TagsModule], controllers: [SegmentsController], providers: [SegmentsService], exports: [SegmentsService] })
export class SegmentsModule {}
