import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MpMemberDto } from './miniapp.dto';

export const PAGE_VIEW_BATCH_MAX = 50;

export class MpBindPhoneDto {
  @ApiProperty({ description: 'e.detail.code from a button with open-type="getPhoneNumber" (single use, 5 minutes)' }) @IsString() @Length(1, 512) code: string;
}

export const PHONE_BINDINGS = ['bound', 'already', 'held_by_other', 'merged'] as const;

export class MpPhoneBoundDto extends MpMemberDto {
  @ApiProperty({
    enum: PHONE_BINDINGS,
    description:
      "bound: the number is now this member's; already: it was; merged: another member record held it, so the two were one person and are now merged (the older record stays: use `token` from now on when it is given); held_by_other: another record holds it and an operator had split the two before, so they stay apart",
  })
  phoneBinding: (typeof PHONE_BINDINGS)[number];
  @ApiPropertyOptional({ description: 'a new member session, when this record was merged into an older one; the old token no longer works' })
  token?: string;
  @ApiPropertyOptional() expiresIn?: number;
}

export class MpPageViewDto {
  @ApiProperty({ example: 'pages/index/index', description: 'the page route, without query' })
  @IsString() @Length(1, 256) @Matches(/^\/?[A-Za-z0-9_\-/.]+$/, { message: 'path must be a page route such as pages/index/index' })
  path: string;
  @ApiPropertyOptional({ example: 'id=12&from=share', description: 'the page options as a query string' }) @IsOptional() @IsString() @MaxLength(512) query?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) title?: string;
  @ApiPropertyOptional({ description: 'the page shown before this one' }) @IsOptional() @IsString() @MaxLength(256) referrer?: string;
  @ApiPropertyOptional({ description: 'time on the page' }) @IsOptional() @IsInt() @Min(0) @Max(86_400_000) durationMs?: number;
  @ApiProperty({ format: 'date-time', description: 'when the page was shown' }) @IsISO8601({ strict: true }) at: string;
  @ApiProperty({ format: 'uuid', description: 'made by the app for each view: a view sent twice is stored once' }) @IsUUID() viewId: string;
}

export class MpPageViewBatchDto {
  @ApiProperty({ type: [MpPageViewDto], maxItems: PAGE_VIEW_BATCH_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PAGE_VIEW_BATCH_MAX, { message: `at most ${PAGE_VIEW_BATCH_MAX} page views per batch` })
  @ValidateNested({ each: true })
  @Type(() => MpPageViewDto)
  views: MpPageViewDto[];
}

export class MpPageViewsAcceptedDto {
  @ApiProperty() accepted: number;
  @ApiProperty({ description: 'views whose viewId was already stored' }) duplicates: number;
}
