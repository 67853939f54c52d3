import { Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../platform/auth/decorators';
import { WecomCallbackService } from './wecom-callback.service';

/** WeCom's push to the self-built app's "接收消息" URL (WeChat is the only caller; signatures checked first). */
@ApiExcludeController()
@Controller('wechat/wecom/:corpid/callback')
export class WecomCallbackController {
  constructor(private readonly callbacks: WecomCallbackService) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  verify(@Param('corpid') corpId: string, @Query() query: Record<string, unknown>): Promise<string> {
    return this.callbacks.verifyUrl(corpId, query);
  }

  @Post()
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  receive(@Param('corpid') corpId: string, @Query() query: Record<string, unknown>, @Req() req: Request): Promise<string> {
    return this.callbacks.receive(corpId, query, req.body);
  }
}
