import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module';
import { MembersModule } from '../../members/members.module';
import { MiniappAuthService } from './miniapp-auth.service';
import { MiniappController } from './miniapp.controller';
import { MiniappCallbackController } from './miniapp-callback.controller';
import { MiniappCallbackService } from './miniapp-callback.service';
import { WechatModule } from '../wechat.module';

@Module({ imports: [MembersModule, WechatModule, EventsModule], controllers: [MiniappController, MiniappCallbackController], providers: [MiniappAuthService, MiniappCallbackService] })
export class MiniappModule {}
