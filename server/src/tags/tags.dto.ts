import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';

export class TagGroupDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
}

export class SaveTagGroupDto {
  @ApiProperty() @IsString() @Length(1, 64) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
}

export class UpdateTagGroupDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
}

export class TagDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: Number, nullable: true }) groupId: number | null;
  @ApiProperty({ type: String, nullable: true }) color: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ description: 'members carrying this tag' }) memberCount: number;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

export class SaveTagDto {
  @ApiProperty({ example: 'VIP' }) @IsString() @Length(1, 64) name: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) groupId?: number;
  @ApiPropertyOptional({ example: '#409EFF' }) @IsOptional() @Matches(COLOR, { message: 'color must be #RRGGBB' }) color?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
}

export class UpdateTagDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) name?: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(1) groupId?: number | null;
  @ApiPropertyOptional() @IsOptional() @Matches(COLOR, { message: 'color must be #RRGGBB' }) color?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
}

export class ListTagsQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) groupId?: number;
}

export class TagRefDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) color: string | null;
}

export class MemberTagDto extends TagRefDto {
  @ApiProperty({ type: Number, nullable: true }) groupId: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'who or what added it' }) addedBy: string | null;
  @ApiProperty({ description: 'manual, import, api, rule, automation, wechat' }) source: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}
