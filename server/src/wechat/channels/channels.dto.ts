import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';
import { CHANNEL_TYPES, ChannelType } from './channel-account.entity';

const AES_KEY = /^[A-Za-z0-9+/]{43}$/;

export class CreateChannelDto {
  @ApiProperty({ enum: CHANNEL_TYPES }) @IsIn(CHANNEL_TYPES) type: ChannelType;
  @ApiProperty({ example: '品牌服务号' }) @IsString() @Length(1, 64) name: string;
  @ApiPropertyOptional({ description: 'AppID (oa, miniapp)' }) @IsOptional() @Matches(/^wx[0-9a-zA-Z]{14,30}$/, { message: 'appId must look like wx followed by letters and digits' }) appId?: string;
  @ApiPropertyOptional({ description: 'CorpID (wecom)' }) @IsOptional() @Matches(/^ww[0-9a-zA-Z]{14,30}$/, { message: 'corpId must look like ww followed by letters and digits' }) corpId?: string;
  @ApiPropertyOptional({ description: 'AgentId of the self-built app (wecom)' }) @IsOptional() @IsInt() @Min(1) agentId?: number;
  @ApiPropertyOptional({ description: 'merchant id (pay)' }) @IsOptional() @Matches(/^\d{8,12}$/, { message: 'mchId must be 8-12 digits' }) mchId?: string;
  @ApiPropertyOptional({ description: 'AppSecret / WeCom app Secret' }) @IsOptional() @IsString() @Length(8, 128) secret?: string;
  @ApiPropertyOptional({ description: 'callback Token' }) @IsOptional() @Matches(/^[A-Za-z0-9]{3,32}$/, { message: 'token must be 3-32 letters or digits' }) token?: string;
  @ApiPropertyOptional({ description: 'callback EncodingAESKey (43 characters)' }) @IsOptional() @Matches(AES_KEY, { message: 'encodingAesKey must be 43 characters of base64' }) encodingAesKey?: string;
  @ApiPropertyOptional({ description: 'WeChat Pay APIv3 key (32 characters)' }) @IsOptional() @Length(32, 32) apiV3Key?: string;
  @ApiPropertyOptional({ description: 'merchant API private key (PEM)' }) @IsOptional() @IsString() @MaxLength(8000) privateKey?: string;
  @ApiPropertyOptional({ description: 'merchant API certificate serial number' }) @IsOptional() @Matches(/^[0-9A-Fa-f]{8,64}$/) certSerialNo?: string;
  @ApiPropertyOptional({ description: 'WeChat Pay platform public key (PEM)' }) @IsOptional() @IsString() @MaxLength(8000) platformPublicKey?: string;
  @ApiPropertyOptional({ description: 'its id / serial' }) @IsOptional() @IsString() @MaxLength(64) platformSerialNo?: string;
}

export class UpdateChannelDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) agentId?: number;
  @ApiPropertyOptional({ description: 'replaces the stored secret' }) @IsOptional() @IsString() @Length(8, 128) secret?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9]{3,32}$/, { message: 'token must be 3-32 letters or digits' }) token?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(AES_KEY, { message: 'encodingAesKey must be 43 characters of base64' }) encodingAesKey?: string;
  @ApiPropertyOptional() @IsOptional() @Length(32, 32) apiV3Key?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(8000) privateKey?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9A-Fa-f]{8,64}$/) certSerialNo?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(8000) platformPublicKey?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) platformSerialNo?: string;
}

export class SecretStateDto {
  @ApiProperty() set: boolean;
  @ApiProperty({ type: String, nullable: true, example: '****a1b2', description: 'last characters only' }) hint: string | null;
}

export class ChannelDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: CHANNEL_TYPES }) type: ChannelType;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) appId: string | null;
  @ApiProperty({ type: String, nullable: true }) corpId: string | null;
  @ApiProperty({ type: Number, nullable: true }) agentId: number | null;
  @ApiProperty({ type: String, nullable: true }) mchId: string | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ description: 'paste into the WeChat console (消息推送 / 接收消息 / 支付回调)' }) callbackUrl: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SecretStateDto' }, description: 'which secrets are stored (never their values)' })
  secrets: Record<string, SecretStateDto>;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastTestedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastTestResult: string | null;
}

export class ChannelTestResultDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ description: 'seconds the fetched access token stays valid' }) expiresIn?: number;
}
