import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module';
import { WechatModule } from '../wechat.module';
import { OaCallbackController } from './oa-callback.controller';
import { OaCallbackService } from './oa-callback.service';

@Module({ imports: [WechatModule, EventsModule], controllers: [OaCallbackController], providers: [OaCallbackService] })
export class OaModule {}
