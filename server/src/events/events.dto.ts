import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

class LabelDto {
  @ApiProperty({ name: 'zh-CN' }) 'zh-CN': string;
  @ApiProperty() en: string;
}

export class EventPropertyDto {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['string', 'number', 'boolean', 'datetime'] }) type: string;
  @ApiProperty({ type: LabelDto }) label: LabelDto;
}

export class EventTypeDto {
  @ApiProperty({ example: 'oa.subscribe' }) type: string;
  @ApiProperty({ enum: ['oa', 'wecom', 'miniapp', 'pay', 'custom', 'system'] }) channel: string;
  @ApiProperty({ type: LabelDto }) label: LabelDto;
  @ApiProperty() description: string;
  @ApiProperty({ type: [EventPropertyDto] }) properties: EventPropertyDto[];
}

export class TimelineQuery {
  @ApiPropertyOptional({ description: 'only this event type, e.g. oa.subscribe' }) @IsOptional() @IsString() @MaxLength(64) type?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)) @IsInt() @Min(1) @Max(200)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,20}$/, { message: 'cursor must be the nextCursor of a previous page' }) cursor?: string;
}

export class MemberEventDto {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
  @ApiProperty() source: string;
  @ApiProperty({ type: Number, nullable: true }) accountId: number | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) properties: Record<string, unknown>;
}

export class MemberEventPageDto {
  @ApiProperty({ type: [MemberEventDto] }) items: MemberEventDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
