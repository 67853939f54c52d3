import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module';
import { MembersModule } from '../../members/members.module';
import { MiniappApiService } from './miniapp-api.service';
import { MiniappAuthService } from './miniapp-auth.service';
import { MiniappController } from './miniapp.controller';
import { MiniappCallbackController } from './miniapp-callback.controller';
import { MiniappCallbackService } from './miniapp-callback.service';
import { MiniappMemberController } from './miniapp-member.controller';
import { MiniappPageViewsService } from './miniapp-page-views.service';
import { MiniappPhoneService } from './miniapp-phone.service';
import { WechatModule } from '../wechat.module';

@Module({
  imports: [MembersModule, WechatModule, EventsModule],
  controllers: [MiniappController, MiniappCallbackController, MiniappMemberController],
  providers: [MiniappAuthService, MiniappCallbackService, MiniappApiService, MiniappPhoneService, MiniappPageViewsService],
  exports: [MiniappApiService],
})
export class MiniappModule {}
