import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module';
import { WechatModule } from '../wechat.module';
import { OaCallbackController } from './oa-callback.controller';
import { OaCallbackService } from './oa-callback.service';
import { OaApiService } from './oa-api.service';
import { OaEnricher } from './oa-enricher';

@Module({ imports: [WechatModule, EventsModule], controllers: [OaCallbackController], providers: [OaCallbackService, OaApiService, OaEnricher], exports: [OaApiService] })
export class OaModule {}
