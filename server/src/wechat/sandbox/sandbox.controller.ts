import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { createHmac, randomBytes } from 'node:crypto';
import { Public } from '../../platform/auth/decorators';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { BadInputError } from '../../platform/errors/app-error';
import { SandboxLoginCodes } from './sandbox-login-codes';
import { SecretBox } from '../../platform/crypto/secret-box';

class SandboxLoginCodeDto {
  @ApiPropertyOptional({ description: 'mini-program AppID (defaults to the configured one)' }) @IsOptional() @IsString() @MaxLength(64) appId?: string;
  @ApiPropertyOptional({ description: 'the openid this browser plays; a new one is made when omitted' })
  @IsOptional() @Matches(/^o[A-Za-z0-9_-]{5,63}$/, { message: 'openid must look like a WeChat openid (o + 5-63 letters, digits, _ or -)' })
  openid?: string;
}

class SandboxLoginCodeResponse {
  @ApiProperty() code: string;
  @ApiProperty() openid: string;
}

/**
 * The built-in stand-in for WeChat (sandbox mode only). Same paths and response shapes as
 * api.weixin.qq.com for what we call; errors come back as WeChat's errcode JSON with HTTP 200.
 */
@ApiTags('sandbox')
@Controller('sandbox')
export class SandboxController {
  private readonly codes: SandboxLoginCodes;
  private readonly unionKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    box: SecretBox,
  ) {
    this.codes = new SandboxLoginCodes(box.subKey('sandbox:login-code'));
    this.unionKey = box.subKey('sandbox:unionid');
  }

  @Post('miniapp/login-code')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'What wx.login() would return, for the H5 build and tests' })
  @ApiOkResponse({ type: SandboxLoginCodeResponse })
  loginCode(@Body() dto: SandboxLoginCodeDto): SandboxLoginCodeResponse {
    const appId = dto.appId ?? this.config.wechat.miniappAppId;
    if (appId !== this.config.wechat.miniappAppId) {
      throw new BadInputError(`unknown mini-program ${appId}`, [{ field: 'appId', message: 'not a configured mini-program' }]);
    }
    const openid = dto.openid ?? `o${randomBytes(21).toString('base64url')}`;
    return { code: this.codes.issue(appId, openid), openid };
  }

  @Get('sns/jscode2session')
  @Public()
  @ApiOperation({ summary: 'WeChat code2Session' })
  jscode2session(@Query() q: Record<string, string>) {
    if (q.appid !== this.config.wechat.miniappAppId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (q.secret !== this.config.wechat.miniappSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    if (q.grant_type !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
    const openid = q.js_code ? this.codes.redeem(q.appid, q.js_code) : null;
    if (!openid) return { errcode: 40029, errmsg: 'invalid code' };
    return {
      openid,
      session_key: randomBytes(16).toString('base64'),
      // As if the mini-program were bound to the brand's open-platform account.
      unionid: `oU${createHmac('sha256', this.unionKey).update(openid).digest('base64url').slice(0, 26)}`,
    };
  }
}
