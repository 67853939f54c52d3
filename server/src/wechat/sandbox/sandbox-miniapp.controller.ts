import { Body, Controller, HttpCode, Inject, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Public } from '../../platform/auth/decorators';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { normalizePhone } from '../../platform/crypto/secret-box';
import { BadInputError } from '../../platform/errors/app-error';
import { ChannelsService } from '../channels/channels.service';
import { MINIPROGRAM_STATES } from '../miniapp/miniapp-api.service';
import { SandboxMiniappEmitter } from './sandbox-miniapp-emitter';
import { SandboxMiniappState } from './sandbox-miniapp-state';
import type { EmitResult } from './sandbox-oa-emitter';
import { SandboxRecorder } from './sandbox-recorder.interceptor';
import { SandboxState } from './sandbox-state.service';

const OPENID = /^o[A-Za-z0-9_-]{5,63}$/;
const OPENID_MESSAGE = 'openid must look like a WeChat openid (o + 5-63 letters, digits, _ or -)';

class SandboxPhoneCodeDto {
  @ApiPropertyOptional({ description: 'mini-program AppID (defaults to the configured one)' }) @IsOptional() @IsString() @MaxLength(64) appId?: string;
  @ApiProperty({ description: 'the openid of the user tapping the button' }) @Matches(OPENID, { message: OPENID_MESSAGE }) openid: string;
  @ApiProperty({ example: '13800138000', description: 'the number WeChat holds for this user (mainland mobile)' }) @IsString() @MaxLength(20) phone: string;
}

class SandboxPhoneCodeResponse {
  @ApiProperty({ description: 'what the getphonenumber event carries as e.detail.code (single use, 5 minutes)' }) code: string;
}

class SubscribeChoiceDto {
  @ApiProperty({ example: 'TPL_coupon_expiry' }) @IsString() @MaxLength(128) templateId: string;
  @ApiProperty({ enum: ['accept', 'reject'] }) @IsIn(['accept', 'reject']) status: 'accept' | 'reject';
}

class SandboxSubscribeDto {
  @ApiPropertyOptional({ description: 'mini-program AppID (defaults to the configured one)' }) @IsOptional() @IsString() @MaxLength(64) appId?: string;
  @ApiProperty() @Matches(OPENID, { message: OPENID_MESSAGE }) openid: string;
  @ApiProperty({ type: [SubscribeChoiceDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) @ValidateNested({ each: true }) @Type(() => SubscribeChoiceDto) templates: SubscribeChoiceDto[];
}

class SubscribeCreditDto {
  @ApiProperty() templateId: string;
  @ApiProperty({ description: 'sends this user now allows for the template' }) credits: number;
}

class SandboxSubscribeResponse {
  @ApiProperty({ type: [SubscribeCreditDto] }) credits: SubscribeCreditDto[];
  @ApiProperty({ description: 'true when WeChat pushed the answers to our message-push URL (the app has a push token)' }) pushed: boolean;
}

/**
 * The sandbox WeChat's mini-program server APIs (subscribe messages, verified phone numbers) and the
 * user's side of them: answering wx.requestSubscribeMessage and tapping the phone-number button.
 */
@ApiTags('sandbox')
@Controller('sandbox')
export class SandboxMiniappController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly state: SandboxState,
    private readonly mp: SandboxMiniappState,
    private readonly emitter: SandboxMiniappEmitter,
    private readonly channels: ChannelsService,
  ) {}

  @Post('cgi-bin/message/subscribe/send')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SandboxRecorder)
  @ApiOperation({ summary: 'Mini-program subscribeMessage.send (one send per acceptance of the template)' })
  subscribeSend(@Query() q: Record<string, string>, @Body() body: Record<string, unknown>) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    if (typeof body?.touser !== 'string' || !OPENID.test(body.touser)) return { errcode: 40003, errmsg: 'invalid openid' };
    if (typeof body.template_id !== 'string' || !body.template_id) return { errcode: 40037, errmsg: 'invalid template_id' };
    if (body.page !== undefined && typeof body.page !== 'string') return { errcode: 41030, errmsg: 'invalid page' };
    const badData = dataProblem(body.data);
    if (badData) return { errcode: 47003, errmsg: `argument invalid! ${badData}` };
    if (body.miniprogram_state !== undefined && !(MINIPROGRAM_STATES as readonly unknown[]).includes(body.miniprogram_state)) {
      return { errcode: 47003, errmsg: 'argument invalid! miniprogram_state' };
    }
    switch (this.mp.useCredit(auth.owner, body.touser, body.template_id)) {
      case 'unknown_template':
        return { errcode: 40037, errmsg: 'invalid template_id' };
      case 'no_credit':
        return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
      case 'ok':
        return { errcode: 0, errmsg: 'ok', msgid: Date.now() * 1000 + Math.floor(Math.random() * 1000) };
    }
  }

  @Post('wxa/business/getuserphonenumber')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SandboxRecorder)
  @ApiOperation({ summary: 'Mini-program getPhoneNumber: redeems a phone-button code' })
  phoneNumber(@Query() q: Record<string, string>, @Body() body: Record<string, unknown>) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    const found = typeof body?.code === 'string' && body.code ? this.mp.redeemPhoneCode(auth.owner, body.code) : null;
    if (!found) return { errcode: 40029, errmsg: 'invalid code' };
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: { phoneNumber: found.phone, purePhoneNumber: found.phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: auth.owner } },
    };
  }

  @Post('miniapp/phone-code')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'What the phone-number button (open-type=getPhoneNumber) would hand the page, for the H5 build and tests' })
  @ApiOkResponse({ type: SandboxPhoneCodeResponse })
  async phoneCode(@Body() dto: SandboxPhoneCodeDto): Promise<SandboxPhoneCodeResponse> {
    const appId = await this.miniapp(dto.appId);
    const phone = normalizePhone(dto.phone);
    if (!phone || !/^1\d{10}$/.test(phone)) throw new BadInputError('phone must be a mainland mobile number (11 digits starting with 1)', [{ field: 'phone', message: 'not a mainland mobile number' }]);
    return { code: this.mp.issuePhoneCode(appId, dto.openid, phone) };
  }

  @Post('miniapp/subscribe')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Play a user answering wx.requestSubscribeMessage: each accept allows one send of that template' })
  @ApiOkResponse({ type: SandboxSubscribeResponse })
  async subscribe(@Body() dto: SandboxSubscribeDto): Promise<SandboxSubscribeResponse> {
    const appId = await this.miniapp(dto.appId);
    // As in WeChat, the answers are pushed to the app's message-push URL when it has one
    const account = await this.channels.findByExternalId('miniapp', appId);
    let pushed: EmitResult | null = null;
    if (account?.token) pushed = await this.emitter.emit({ appId, openid: dto.openid, templates: dto.templates });
    else for (const t of dto.templates) this.mp.answerSubscribe(appId, dto.openid, t.templateId, t.status);
    return { credits: dto.templates.map((t) => ({ templateId: t.templateId, credits: this.mp.creditsOf(appId, dto.openid, t.templateId) })), pushed: pushed !== null };
  }

  private async miniapp(appId: string | undefined): Promise<string> {
    const id = appId ?? this.config.wechat.miniappAppId;
    if (id === this.config.wechat.miniappAppId || (await this.channels.findByExternalId('miniapp', id))) return id;
    throw new BadInputError(`unknown mini-program ${id}`, [{ field: 'appId', message: 'not a configured mini-program' }]);
  }
}

/** WeChat wants `data: {key: {value: string}}` with at least one key. */
function dataProblem(data: unknown): string | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'data';
  const entries = Object.entries(data as Record<string, unknown>);
  if (!entries.length) return 'data';
  for (const [k, v] of entries) {
    if (!v || typeof v !== 'object' || typeof (v as { value?: unknown }).value !== 'string') return `data.${k}.value`;
  }
  return null;
}
