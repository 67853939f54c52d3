import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';

export class MpLoginDto {
  @ApiProperty({ description: 'the code from wx.login()' }) @IsString() @Length(1, 512) code: string;
  @ApiPropertyOptional({ description: 'the mini-program AppID (defaults to the configured one)' }) @IsOptional() @IsString() @MaxLength(64) appId?: string;
}

export class MpMemberDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: String, nullable: true }) nickname: string | null;
  @ApiProperty({ type: String, nullable: true }) avatarUrl: string | null;
  @ApiProperty() points: number;
  @ApiProperty() level: number;
  @ApiProperty({ description: 'short-lived signed code shown as the member QR code at the counter' }) memberCode: string;
  @ApiProperty({ format: 'date-time' }) memberCodeExpiresAt: string;
  @ApiProperty({ type: String, nullable: true }) phoneMasked: string | null;
}

export class MpLoginResponseDto {
  @ApiProperty({ description: 'member session token: send as Authorization: Bearer' }) token: string;
  @ApiProperty() expiresIn: number;
  @ApiProperty({ type: MpMemberDto }) member: MpMemberDto;
}

export class MpUpdateMeDto {
  @ApiPropertyOptional({ description: 'trimmed; 1-64 characters, no control characters' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 64)
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u001f\u007f]+$/, { message: 'nickname must not contain control characters' })
  nickname?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true, protocols: ['https', 'http'] }) @MaxLength(512) avatarUrl?: string;
}

export class MpConfigDto {
  @ApiProperty() appId: string;
  @ApiProperty({ description: 'true when WeChat is the built-in sandbox (H5 logins allowed)' }) sandbox: boolean;
}
