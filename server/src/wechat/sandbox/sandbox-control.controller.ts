import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Public } from '../../platform/auth/decorators';
import { OA_EMIT_KINDS, OaEmitKind, SandboxOaEmitter } from './sandbox-oa-emitter';
import { SandboxState } from './sandbox-state.service';
import { SandboxMiniappEmitter } from './sandbox-miniapp-emitter';
import { SandboxPayEmitter } from './sandbox-pay-emitter';
import { ChannelsService } from '../channels/channels.service';
import { SandboxWecomEmitter, WECOM_EMIT_KINDS, WecomEmitKind } from './sandbox-wecom-emitter';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

class CallsQuery {
  @ApiPropertyOptional({ example: '/cgi-bin/message/custom/send', description: 'path as WeChat names it (prefix match)' }) @IsOptional() @IsString() @MaxLength(200) api?: string;
  @ApiPropertyOptional({ description: 'only calls after this id' }) @IsOptional() @Transform(toInt) @IsInt() @Min(0) sinceId?: number;
  @ApiPropertyOptional({ default: 200 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(2000) limit?: number;
}

class SandboxCallDto {
  @ApiProperty() id: number;
  @ApiProperty() api: string;
  @ApiProperty() method: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) query: Record<string, string>;
  @ApiProperty({ nullable: true }) body: unknown;
  @ApiProperty() status: number;
  @ApiProperty({ nullable: true }) response: unknown;
  @ApiProperty({ format: 'date-time' }) at: string;
}

class FaultDto {
  @ApiProperty({ example: '/cgi-bin/token' }) @Matches(/^\/[A-Za-z0-9_/.-]{1,200}$/, { message: 'api must be a path such as /cgi-bin/token' }) api: string;
  @ApiPropertyOptional({ example: 45009 }) @IsOptional() @IsInt() errcode?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) errmsg?: string;
  @ApiPropertyOptional({ example: 503 }) @IsOptional() @IsInt() @Min(400) @Max(599) httpStatus?: number;
  @ApiPropertyOptional({ example: 1500 }) @IsOptional() @IsInt() @Min(0) @Max(60000) latencyMs?: number;
  @ApiPropertyOptional({ description: 'number of calls affected; unset = until cleared' }) @IsOptional() @IsInt() @Min(1) times?: number;
}

class OaEmitDto {
  @ApiProperty({ example: 'wx1234567890abcdef' }) @IsString() @MaxLength(64) appId: string;
  @ApiProperty({ enum: OA_EMIT_KINDS }) @IsIn(OA_EMIT_KINDS) kind: OaEmitKind;
  @ApiProperty({ example: 'oSandboxUser0001' }) @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'openid must be 6-64 letters, digits, _ or -' }) openid: string;
  @ApiPropertyOptional({ description: 'the person behind this openid: the same unionid elsewhere makes them one member' })
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'unionid must be 6-64 letters, digits, _ or -' })
  unionid?: string;
  @ApiPropertyOptional({ example: 'store_12', description: 'QR scene (subscribe, scan)' }) @IsOptional() @IsString() @MaxLength(64) scene?: string;
  @ApiPropertyOptional({ description: 'text message content' }) @IsOptional() @IsString() @MaxLength(2000) content?: string;
  @ApiPropertyOptional({ description: 'menu key (click)' }) @IsOptional() @IsString() @MaxLength(128) key?: string;
  @ApiPropertyOptional({ description: 'menu URL (view)' }) @IsOptional() @IsString() @MaxLength(1024) url?: string;
  @ApiPropertyOptional({ description: 'MsgId (text) / MsgID (template_result)' }) @IsOptional() @Matches(/^\d{1,20}$/) msgId?: string;
  @ApiPropertyOptional({ description: 'template result status' }) @IsOptional() @IsString() @MaxLength(64) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() longitude?: number;
  @ApiPropertyOptional({ enum: ['safe', 'compat', 'plain'] }) @IsOptional() @IsIn(['safe', 'compat', 'plain']) mode?: 'safe' | 'compat' | 'plain';
  @ApiPropertyOptional({ description: 'CreateTime in seconds (fixed values replay the same push)' }) @IsOptional() @IsInt() @Min(0) createTime?: number;
}

class WecomEmitDto {
  @ApiProperty({ example: 'ww1234567890abcdef' }) @IsString() @MaxLength(64) corpId: string;
  @ApiProperty({ enum: WECOM_EMIT_KINDS }) @IsIn(WECOM_EMIT_KINDS) kind: WecomEmitKind;
  @ApiPropertyOptional({ description: "the staff member's userid", example: 'zhangsan' }) @IsOptional() @Matches(/^[A-Za-z0-9_.@-]{1,64}$/) userId?: string;
  @ApiPropertyOptional({ example: 'wmSandboxCustomer01' }) @IsOptional() @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'externalUserId must be 6-64 letters, digits, _ or -' }) externalUserId?: string;
  @ApiPropertyOptional({ description: '联系我 state / channel code', example: 'store_12' }) @IsOptional() @IsString() @MaxLength(64) state?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) chatId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) tagId?: string;
  @ApiPropertyOptional({ enum: ['create', 'update', 'delete', 'shuffle'], description: 'tag_changed: what happened to the corp tag' })
  @IsOptional() @IsIn(['create', 'update', 'delete', 'shuffle'])
  tagChangeType?: 'create' | 'update' | 'delete' | 'shuffle';
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) createTime?: number;
  @ApiPropertyOptional({ description: 'add_contact: the person behind the customer (the same unionid elsewhere makes them one member)' })
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'unionid must be 6-64 letters, digits, _ or -' })
  unionid?: string;
}

class SubscribeAnswerDto {
  @ApiProperty({ example: 'TPL_coupon_expiry' }) @IsString() @MaxLength(128) templateId: string;
  @ApiProperty({ enum: ['accept', 'reject'] }) @IsIn(['accept', 'reject']) status: 'accept' | 'reject';
}

class MiniappEmitDto {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;
  @ApiProperty({ example: 'oSandboxMpUser01' }) @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'openid must be 6-64 letters, digits, _ or -' }) openid: string;
  @ApiProperty({ type: [SubscribeAnswerDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => SubscribeAnswerDto) templates: SubscribeAnswerDto[];
  @ApiPropertyOptional({ enum: ['json', 'xml'] }) @IsOptional() @IsIn(['json', 'xml']) format?: 'json' | 'xml';
  @ApiPropertyOptional({ enum: ['safe', 'plain'] }) @IsOptional() @IsIn(['safe', 'plain']) mode?: 'safe' | 'plain';
}

class PayEmitDto {
  @ApiProperty({ example: '1900000109' }) @Matches(/^\d{8,12}$/) mchId: string;
  @ApiProperty({ enum: ['paid', 'refunded'] }) @IsIn(['paid', 'refunded']) kind: 'paid' | 'refunded';
  @ApiProperty({ description: 'payer openid (mini-program)' }) @Matches(/^[A-Za-z0-9_-]{6,64}$/) openid: string;
  @ApiPropertyOptional({ description: 'the mini-program AppID paid through (defaults to the configured one)' }) @IsOptional() @IsString() @MaxLength(64) appId?: string;
  @ApiProperty({ description: 'amount in fen', example: 19900 }) @IsInt() @Min(1) @Max(100_000_000) amount: number;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9_*|-]{6,32}$/) outTradeNo?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{10,32}$/) transactionId?: string;
}

class PlatformKeyDto {
  @ApiProperty({ description: 'paste as platformSerialNo of the Pay channel account' }) serialNo: string;
  @ApiProperty({ description: 'paste as platformPublicKey' }) publicKey: string;
}

class SandboxAccountDto {
  @ApiProperty({ enum: ['oa', 'miniapp', 'wecom', 'pay'] }) type: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'appid, corpid or mchid' }) id: string;
}

class EmitResultDto {
  @ApiProperty({ description: 'HTTP status our callback answered' }) status: number;
  @ApiProperty({ description: 'what our callback answered' }) body: string;
  @ApiProperty({ type: 'object', properties: { url: { type: 'string' }, body: { type: 'string' } } }) request: { url: string; body: string };
  @ApiPropertyOptional({
    type: 'object',
    properties: { msgType: { type: 'string' }, content: { type: 'string' }, toUser: { type: 'string' } },
    description: 'the passive reply in our answer (OA), decrypted as WeChat does: what the user sees',
  })
  reply?: { msgType: string; content?: string; toUser: string };
}

/** Drives the sandbox from tests, the CLI and the admin: what it received, and what it should break. */
@ApiTags('sandbox')
@Controller('sandbox')
export class SandboxControlController {
  constructor(
    private readonly state: SandboxState,
    private readonly oa: SandboxOaEmitter,
    private readonly wecom: SandboxWecomEmitter,
    private readonly miniapp: SandboxMiniappEmitter,
    private readonly pay: SandboxPayEmitter,
    private readonly channels: ChannelsService,
  ) {}

  @Get('accounts')
  @Public()
  @ApiOperation({ summary: 'The accounts the sandbox WeChat knows (for the CLI and the admin sandbox page)' })
  @ApiOkResponse({ type: [SandboxAccountDto] })
  async accounts(): Promise<SandboxAccountDto[]> {
    return (await this.channels.list()).filter((c) => c.enabled).map((c) => ({ type: c.type, name: c.name, id: (c.appId ?? c.corpId ?? c.mchId)! }));
  }

  @Get('pay/platform-key')
  @Public()
  @ApiOperation({ summary: "The sandbox WeChat Pay platform public key (for a sandbox Pay account's platformPublicKey)" })
  @ApiOkResponse({ type: PlatformKeyDto })
  payPlatformKey(): PlatformKeyDto {
    return this.pay.platformKey();
  }

  @Post('pay/emit')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Play WeChat Pay: a signed, encrypted payment or refund notify to our notify URL' })
  @ApiOkResponse({ type: EmitResultDto })
  emitPay(@Body() dto: PayEmitDto): Promise<EmitResultDto> {
    return this.pay.emit(dto);
  }

  @Post('miniapp/emit')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Play WeChat: push a subscribe-message popup result (accept/reject per template) to our callback URL' })
  @ApiOkResponse({ type: EmitResultDto })
  emitMiniapp(@Body() dto: MiniappEmitDto): Promise<EmitResultDto> {
    return this.miniapp.emit(dto);
  }

  @Post('wecom/emit')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Play WeCom: push a customer-contact event (encrypted, signed) to our callback URL' })
  @ApiOkResponse({ type: EmitResultDto })
  emitWecom(@Body() dto: WecomEmitDto): Promise<EmitResultDto> {
    return this.wecom.emit(dto);
  }

  @Post('oa/emit')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Play WeChat: push an OA event or message (signed, encrypted) to our callback URL' })
  @ApiOkResponse({ type: EmitResultDto })
  emitOa(@Body() dto: OaEmitDto): Promise<EmitResultDto> {
    if (dto.unionid) this.state.setUnionid(dto.openid, dto.unionid);
    return this.oa.emit(dto);
  }

  @Get('calls')
  @Public()
  @ApiOperation({ summary: 'Calls the sandbox WeChat received, oldest first' })
  @ApiOkResponse({ type: [SandboxCallDto] })
  calls(@Query() q: CallsQuery): SandboxCallDto[] {
    return this.state.listCalls(q) as SandboxCallDto[];
  }

  @Delete('calls')
  @Public()
  @HttpCode(204)
  clearCalls(): void {
    this.state.clearCalls();
  }

  @Get('faults')
  @Public()
  @ApiOkResponse({ type: [FaultDto] })
  faults(): FaultDto[] {
    return this.state.listFaults();
  }

  @Post('faults')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Make an API fail: an errcode, an HTTP status and/or latency' })
  @ApiOkResponse({ type: [FaultDto] })
  addFault(@Body() dto: FaultDto): FaultDto[] {
    this.state.setFault(dto);
    return this.state.listFaults();
  }

  @Delete('faults')
  @Public()
  @HttpCode(204)
  clearFaults(): void {
    this.state.clearFaults();
  }

  @Post('tokens/expire')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Expire every access token the sandbox issued (tests 42001 recovery)' })
  expireTokens(): void {
    this.state.expireTokens();
  }
}
