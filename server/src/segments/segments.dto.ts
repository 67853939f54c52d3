import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { MemberSummaryDto } from '../members/members.dto';

export class SegmentPreviewDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The rule tree. A group: {kind:"group", op:"and"|"or", not?, rules:[…]}. A field condition: {kind:"attribute", field (a member field such as city, points, lastSeenAt, or attributes.<key>), operator, value?, not?}. Tags: {kind:"tags", match:"any"|"all"|"none", tagIds}. Behaviour: {kind:"event", eventType, did?, lastDays?, count?:{op:"atLeast"|"atMost"|"exactly", n}, not?}.',
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
