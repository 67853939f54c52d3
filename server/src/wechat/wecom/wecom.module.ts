import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module';
import { WechatModule } from '../wechat.module';
import { WecomCallbackController } from './wecom-callback.controller';
import { WecomCallbackService } from './wecom-callback.service';

@Module({ imports: [WechatModule, EventsModule], controllers: [WecomCallbackController], providers: [WecomCallbackService] })
export class WecomModule {}
