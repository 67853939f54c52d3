import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventResolutionService } from '../../events/event-resolution.service';
import { OaApiService } from './oa-api.service';

/** Teaches event resolution to ask the OA for a follower's unionid, which joins them to the mini-program and WeCom. */
@Injectable()
export class OaEnricher implements OnModuleInit {
  constructor(
    private readonly resolution: EventResolutionService,
    private readonly api: OaApiService,
  ) {}

  onModuleInit() {
    this.resolution.registerEnricher('oa_openid', async (subject) => {
      const user = await this.api.getUser(subject.appId, subject.value);
      return user.unionid ? { unionid: user.unionid } : null;
    });
  }
}
