import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../../members/members.module';
import { EventsModule } from '../../events/events.module';
import { OaModule } from '../../wechat/oa/oa.module';
import { WecomModule } from '../../wechat/wecom/wecom.module';
import { WechatModule } from '../../wechat/wechat.module';
import { TagsModule } from '../tags.module';
import { OaTagChannel } from './oa-tag-channel';
import { TagChannelLinkEntity } from './tag-channel-link.entity';
import { TagSyncController } from './tag-sync.controller';
import { TagSyncService } from './tag-sync.service';
import { WecomTagChannel } from './wecom-tag-channel';
import { WecomTagListener } from './wecom-tag-listener';

/** Two-way sync between our tags and WeChat's (OA user tags, WeCom corp tags). */
@Module({
  imports: [TagsModule, MembersModule, EventsModule, WechatModule, OaModule, WecomModule, TypeOrmModule.forFeature([TagChannelLinkEntity])],
  controllers: [TagSyncController],
  providers: [TagSyncService, OaTagChannel, WecomTagChannel, WecomTagListener],
  exports: [TagSyncService],
})
export class TagSyncModule {}
