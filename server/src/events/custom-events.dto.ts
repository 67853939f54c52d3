import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { CUSTOM_EVENT } from './event-catalog';

const SUBJECT_TYPES = ['oa_openid', 'mp_openid', 'unionid', 'wecom_external_userid'] as const;

export class EventSubjectDto {
  @ApiProperty({ enum: SUBJECT_TYPES }) @IsIn(SUBJECT_TYPES) type: (typeof SUBJECT_TYPES)[number];
  @ApiPropertyOptional({ description: 'appid / corpid (not for unionid)' }) @IsOptional() @IsString() @MaxLength(64) appId?: string;
  @ApiProperty() @IsString() @Length(1, 128) value: string;
}

export class CustomEventDto {
  @ApiProperty({ example: 'custom.store_visit', description: 'custom.<name>: lowercase letters, digits, _ and .' })
  @Matches(CUSTOM_EVENT, { message: 'type must be custom.<name> (lowercase letters, digits, _ and .)' })
  type: string;

  @ApiPropertyOptional({ description: 'our member id; or give `subject`' }) @IsOptional() @IsInt() @Min(1) memberId?: number;
  @ApiPropertyOptional({ type: EventSubjectDto, description: 'a WeChat identity; a member is created if none has it' })
  @IsOptional() @ValidateNested() @Type(() => EventSubjectDto) subject?: EventSubjectDto;

  @ApiPropertyOptional({ format: 'date-time', description: 'defaults to now' }) @IsOptional() @IsISO8601() occurredAt?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() properties?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'your id for this event: the same id is stored once (safe retries)' }) @IsOptional() @Matches(/^[\x21-\x7e]{1,120}$/, { message: 'dedupeId must be 1-120 printable ASCII characters' }) dedupeId?: string;
}

export class CustomEventBatchDto {
  @ApiProperty({ type: [CustomEventDto], maxItems: 1000 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000, { message: 'at most 1000 events per batch' }) @ValidateNested({ each: true }) @Type(() => CustomEventDto)
  events: CustomEventDto[];
}

export class CustomEventResultDto {
  @ApiProperty() index: number;
  @ApiProperty() eventId: string;
  @ApiProperty({ description: 'true when this dedupeId was already stored' }) duplicate: boolean;
}

export class CustomEventsAcceptedDto {
  @ApiProperty() accepted: number;
  @ApiProperty() duplicates: number;
  @ApiProperty({ type: [CustomEventResultDto] }) results: CustomEventResultDto[];
}
