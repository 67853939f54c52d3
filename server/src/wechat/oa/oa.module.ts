import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module';
import { WechatModule } from '../wechat.module';
import { OaCallbackController } from './oa-callback.controller';
import { OaCallbackService } from './oa-callback.service';
import { OaApiService } from './oa-api.service';
import { OaEnricher } from './oa-enricher';
import { OaAutoReplyController } from './oa-auto-reply.controller';
import { OaAutoReplyService } from './oa-auto-reply.service';
import { OaFollowerImportController } from './oa-follower-import.controller';
import { OaFollowerImportService } from './oa-follower-import.service';
import { MembersModule } from '../../members/members.module';

@Module({
  imports: [WechatModule, EventsModule, MembersModule],
  controllers: [OaCallbackController, OaFollowerImportController, OaAutoReplyController],
  providers: [OaCallbackService, OaApiService, OaEnricher, OaFollowerImportService, OaAutoReplyService],
  exports: [OaApiService],
})
export class OaModule {}
