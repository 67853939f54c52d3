import { Body, Controller, Get, HttpCode, Inject, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { Public } from '../../platform/auth/decorators';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { SecretBox } from '../../platform/crypto/secret-box';
import { BadInputError } from '../../platform/errors/app-error';
import { ChannelsService } from '../channels/channels.service';
import { SandboxLoginCodes } from './sandbox-login-codes';
import { SandboxRecorder } from './sandbox-recorder.interceptor';
import { SandboxState } from './sandbox-state.service';

class SandboxLoginCodeDto {
  @ApiPropertyOptional({ description: 'mini-program AppID (defaults to the configured one)' }) @IsOptional() @IsString() @MaxLength(64) appId?: string;
  @ApiPropertyOptional({ description: 'the openid this browser plays; a new one is made when omitted' })
  @IsOptional() @Matches(/^o[A-Za-z0-9_-]{5,63}$/, { message: 'openid must look like a WeChat openid (o + 5-63 letters, digits, _ or -)' })
  openid?: string;
  @ApiPropertyOptional({ description: 'the person behind this openid (the same unionid on the OA makes them one member)' })
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'unionid must be 6-64 letters, digits, _ or -' })
  unionid?: string;
}

class SandboxLoginCodeResponse {
  @ApiProperty() code: string;
  @ApiProperty() openid: string;
}

/**
 * The built-in stand-in for WeChat (sandbox mode only): the api.weixin.qq.com and
 * qyapi.weixin.qq.com paths we call, with WeChat's own response shapes and errcodes (HTTP 200).
 * Every call is recorded and can be made to fail (see SandboxControlController).
 */
@ApiTags('sandbox')
@Controller('sandbox')
@UseInterceptors(SandboxRecorder)
export class SandboxController {
  private readonly codes: SandboxLoginCodes;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly state: SandboxState,
    private readonly channels: ChannelsService,
    box: SecretBox,
  ) {
    this.codes = new SandboxLoginCodes(box.subKey('sandbox:login-code'));
  }

  @Post('miniapp/login-code')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'What wx.login() would return, for the H5 build and tests' })
  @ApiOkResponse({ type: SandboxLoginCodeResponse })
  async loginCode(@Body() dto: SandboxLoginCodeDto): Promise<SandboxLoginCodeResponse> {
    const appId = dto.appId ?? this.config.wechat.miniappAppId;
    if (!(await this.miniappSecret(appId))) {
      throw new BadInputError(`unknown mini-program ${appId}`, [{ field: 'appId', message: 'not a configured mini-program' }]);
    }
    const openid = dto.openid ?? `o${randomBytes(21).toString('base64url')}`;
    if (dto.unionid) this.state.setUnionid(openid, dto.unionid);
    return { code: this.codes.issue(appId, openid), openid };
  }

  @Get('sns/jscode2session')
  @Public()
  @ApiOperation({ summary: 'WeChat code2Session' })
  async jscode2session(@Query() q: Record<string, string>) {
    const secret = await this.miniappSecret(q.appid);
    if (!secret) return { errcode: 40013, errmsg: 'invalid appid' };
    if (q.secret !== secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    if (q.grant_type !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
    const openid = q.js_code ? this.codes.redeem(q.appid, q.js_code) : null;
    if (!openid) return { errcode: 40029, errmsg: 'invalid code' };
    return { openid, session_key: randomBytes(16).toString('base64'), unionid: this.state.unionidOf(openid) };
  }

  @Get('cgi-bin/token')
  @Public()
  @ApiOperation({ summary: 'OA / mini-program access token' })
  async token(@Query() q: Record<string, string>) {
    if (q.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    const account = (await this.channels.findByExternalId('oa', q.appid)) ?? (await this.channels.findByExternalId('miniapp', q.appid));
    const stored = account?.secret ?? (q.appid === this.config.wechat.miniappAppId ? this.config.wechat.miniappSecret : null);
    const secret = q.appid ? this.state.appSecret(q.appid, stored) : null;
    if (!secret) return { errcode: 40013, errmsg: 'invalid appid' };
    if (q.secret !== secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    return { access_token: this.state.issueToken(q.appid), expires_in: 7200 };
  }

  @Get('qyapi/cgi-bin/gettoken')
  @Public()
  @ApiOperation({ summary: 'WeCom access token' })
  async wecomToken(@Query() q: Record<string, string>) {
    const account = q.corpid ? await this.channels.findByExternalId('wecom', q.corpid) : null;
    const secret = account ? this.state.appSecret(q.corpid, account.secret) : null;
    if (!secret) return { errcode: 40013, errmsg: 'invalid corpid' };
    if (q.corpsecret !== secret) return { errcode: 40001, errmsg: 'invalid secret' };
    return { errcode: 0, errmsg: 'ok', access_token: this.state.issueToken(q.corpid), expires_in: 7200 };
  }

  @Get('cgi-bin/user/info')
  @Public()
  @ApiOperation({ summary: 'OA user info (follow state, unionid)' })
  userInfo(@Query() q: Record<string, string>) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    if (!q.openid) return { errcode: 40003, errmsg: 'invalid openid' };
    return this.state.userInfo(auth.owner, q.openid);
  }

  @Post('cgi-bin/message/custom/send')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'OA customer-service message' })
  customSend(@Query() q: Record<string, string>, @Body() body: Record<string, unknown>) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    if (typeof body?.touser !== 'string' || !this.state.follower(auth.owner, body.touser)) return { errcode: 43004, errmsg: 'require subscribe' };
    return { errcode: 0, errmsg: 'ok' };
  }

  @Post('cgi-bin/message/template/send')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'OA template message' })
  templateSend(@Query() q: Record<string, string>, @Body() body: Record<string, unknown>) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    if (typeof body?.template_id !== 'string' || !body.template_id) return { errcode: 40037, errmsg: 'invalid template_id' };
    if (typeof body?.touser !== 'string' || !this.state.follower(auth.owner, body.touser)) return { errcode: 43004, errmsg: 'require subscribe' };
    return { errcode: 0, errmsg: 'ok', msgid: Date.now() * 1000 + Math.floor(Math.random() * 1000) };
  }

  private async miniappSecret(appId: string | undefined): Promise<string | null> {
    if (!appId) return null;
    if (appId === this.config.wechat.miniappAppId) return this.config.wechat.miniappSecret;
    return (await this.channels.findByExternalId('miniapp', appId))?.secret ?? null;
  }
}
