import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../platform/auth/decorators';
import { PayNotifyService } from './pay-notify.service';

/** WeChat Pay's notify_url. Success is an empty 204; refusals are 4xx, which makes WeChat retry. */
@ApiExcludeController()
@Controller('wechat/pay/:mchid/notify')
export class PayNotifyController {
  constructor(private readonly notifies: PayNotifyService) {}

  @Post()
  @Public()
  @HttpCode(204)
  async receive(@Param('mchid') mchId: string, @Req() req: Request): Promise<void> {
    await this.notifies.receive(mchId, req.headers, req.body);
  }
}
