import { Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../platform/auth/decorators';
import { OaCallbackService } from './oa-callback.service';

/**
 * WeChat's server-to-server push for an Official Account. Not part of the public API document:
 * WeChat is the only caller, and every request is signature-checked before anything is parsed.
 */
@ApiExcludeController()
@Controller('wechat/oa/:appid/callback')
export class OaCallbackController {
  constructor(private readonly callbacks: OaCallbackService) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  verify(@Param('appid') appId: string, @Query() query: Record<string, unknown>): Promise<string> {
    return this.callbacks.verifyUrl(appId, query);
  }

  @Post()
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  receive(@Param('appid') appId: string, @Query() query: Record<string, unknown>, @Req() req: Request): Promise<string> {
    return this.callbacks.receive(appId, query, req.body);
  }
}
