import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class CreateTagLinkDto {
  @ApiProperty({ description: 'an OA or WeCom channel account' }) @IsInt() @Min(1) accountId: number;
  @ApiPropertyOptional({ description: "link this existing WeChat tag (from GET /api/channels/{accountId}/wechat-tags); omitted: one named like our tag is created (or found)" })
  @IsOptional() @IsString() @MaxLength(64) externalTagId?: string;
}

export class TagLinkDto {
  @ApiProperty() id: number;
  @ApiProperty() tagId: number;
  @ApiProperty() accountId: number;
  @ApiProperty({ enum: ['oa', 'wecom'] }) channelType: 'oa' | 'wecom';
  @ApiProperty() externalTagId: string;
  @ApiProperty() externalName: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastSyncedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastResult: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
}

export class WechatTagDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, description: 'WeCom tag group' }) group: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'members carrying it, where WeChat says' }) count: number | null;
}
