import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module';
import { WechatModule } from '../wechat.module';
import { PayApiService } from './pay-api.service';
import { PayNotifyController } from './pay-notify.controller';
import { PayNotifyService } from './pay-notify.service';

@Module({ imports: [WechatModule, EventsModule], controllers: [PayNotifyController], providers: [PayNotifyService, PayApiService], exports: [PayApiService] })
export class PayModule {}
