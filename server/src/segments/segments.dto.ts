import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { SEGMENT_TYPES, SegmentType } from './segment.entity';
import { MemberSummaryDto } from '../members/members.dto';

export class SegmentPreviewDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The rule tree. A group: {kind:"group", op:"and"|"or", not?, rules:[…]}. A field condition: {kind:"attribute", field (a member field such as city, points, lastSeenAt, birthday, or attributes.<key>; GET /api/segments/fields lists them with their operators), operator, value?, not?}. Tags: {kind:"tags", match:"any"|"all"|"none", tagIds}. Behaviour: {kind:"event", eventType, did?, lastDays? or between?:["YYYY-MM-DD","YYYY-MM-DD"], count?:{op:"atLeast"|"atMost"|"exactly", n}, not?}; or when the first/last one happened: {kind:"event", eventType, occurrence:"first"|"last", operator:"before"|"after"|"between"|"inLastDays"|"notInLastDays", value}. Dates and date-times also take inNextDays N, anniversaryInDays N (0 = today), dayOfMonth [1-31], dayOfWeek [1-7, 1 = Monday], month [1-12], in the brand\'s time zone.',
    example: { kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'city', operator: 'eq', value: '上海' }, { kind: 'event', eventType: 'pay.paid', did: false, lastDays: 60 }] },
  })
  @IsObject()
  rule: Record<string, unknown>;

  @ApiPropertyOptional({ default: 20, maximum: 100, description: 'how many matching members to return as a sample' })
  @IsOptional() @IsInt() @Min(0) @Max(100)
  sampleSize?: number;
}

export class SegmentPreviewResultDto {
  @ApiProperty({ description: 'members matching the rule now' }) count: number;
  @ApiProperty({ type: [MemberSummaryDto], description: 'the newest matching members' }) sample: MemberSummaryDto[];
  @ApiProperty({ description: 'time the count took on the database, ms' }) tookMs: number;
}

export class SegmentFieldDto {
  @ApiProperty({ description: 'the name to use in a rule (member fields, or attributes.<key>)' }) field: string;
  @ApiProperty({ enum: ['string', 'number', 'date', 'datetime', 'boolean', 'enum'] }) type: string;
  @ApiProperty({ type: [String], nullable: true }) options: string[] | null;
  @ApiProperty({ type: [String], description: 'operators that apply to this field' }) operators: string[];
}

export class CreateSegmentDto {
  @ApiProperty({ example: '上海 VIP 60 天未购' }) @IsString() @Length(1, 64) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
  @ApiProperty({ enum: SEGMENT_TYPES, description: 'dynamic: whoever matches the rule when asked; static: a fixed list (a snapshot of the rule now, or memberIds)' })
  @IsIn(SEGMENT_TYPES)
  type: SegmentType;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'the rule tree (as for preview): required for dynamic segments; for static ones, snapshot whoever matches it now' })
  @IsOptional() @IsObject()
  rule?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [Number], description: 'static segments: the members (up to 10,000)' })
  @IsOptional() @IsArray() @ArrayMaxSize(10_000) @IsInt({ each: true }) @Min(1, { each: true })
  memberIds?: number[];
  @ApiPropertyOptional({ default: false, description: 'dynamic segments: keep membership current as members change, with segment.entered / segment.left events on their timelines' })
  @IsOptional() @IsBoolean()
  tracked?: boolean;
}

export class UpdateSegmentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(255) description?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'a new rule (dynamic segments)' }) @IsOptional() @IsObject() rule?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'dynamic segments: turn membership tracking on (its membership is built in the background, no events for that first build) or off (forgotten)' })
  @IsOptional() @IsBoolean()
  tracked?: boolean;
}

export class SegmentCountPointDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() count: number;
}

export class SegmentDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: SEGMENT_TYPES }) type: SegmentType;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) rule: Record<string, unknown> | null;
  @ApiProperty({ description: 'membership kept current, with segment.entered / segment.left events' }) tracked: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'tracked segments: the last check for members the passing time moved (null while the membership is being built)' }) lastSweptAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'members at the last count' }) count: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) countedAt: string | null;
  @ApiProperty({ type: [SegmentCountPointDto], description: 'the last 30 counts, oldest first (the trend line)' }) trend: SegmentCountPointDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SegmentMembersQuery {
  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)) @IsInt() @Min(1) @Max(200)
  limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^\d{1,12}$/, { message: 'cursor must be the nextCursor of a previous page' }) cursor?: string;
}

export class SegmentMembersPageDto {
  @ApiProperty({ type: [MemberSummaryDto] }) items: MemberSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
