import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module';
import { WechatModule } from '../wechat.module';
import { PayNotifyController } from './pay-notify.controller';
import { PayNotifyService } from './pay-notify.service';

@Module({ imports: [WechatModule, EventsModule], controllers: [PayNotifyController], providers: [PayNotifyService] })
export class PayModule {}
