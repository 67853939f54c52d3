import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MemberTagEntity, TagEntity, TagGroupEntity } from './tag.entity';
import { TagGroupsController, TagsController } from './tags.controller';
import { TagsService } from './tags.service';

@Module({
  imports: [TypeOrmModule.forFeature([TagGroupEntity, TagEntity, MemberTagEntity])],
  controllers: [TagGroupsController, TagsController],
  providers: [TagsService],
  exports: [TagsService],
})
export class TagsModule {}
