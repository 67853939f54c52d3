import { Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../platform/auth/decorators';
import { MiniappCallbackService } from './miniapp-callback.service';

/** The mini-program's "消息推送" URL (WeChat is the only caller; signatures checked first). */
@ApiExcludeController()
@Controller('wechat/miniapp/:appid/callback')
export class MiniappCallbackController {
  constructor(private readonly callbacks: MiniappCallbackService) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  verify(@Param('appid') appId: string, @Query() query: Record<string, unknown>): Promise<string> {
    return this.callbacks.verifyUrl(appId, query);
  }

  @Post()
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  receive(@Param('appid') appId: string, @Query() query: Record<string, unknown>, @Req() req: Request): Promise<string> {
    return this.callbacks.receive(appId, query, req.body);
  }
}
