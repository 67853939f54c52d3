import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IDENTIFIER_KINDS, IdentifierKind, SEGMENT_JOB_KINDS, SEGMENT_JOB_STATUSES, SegmentJobKind, SegmentJobStatus, UNMATCHED_REASONS, UnmatchedReason } from './segment-job.entity';

/** Form fields of an import into an existing static segment (multipart, beside the file). */
export class SegmentImportFieldsDto {
  @ApiPropertyOptional({ enum: IDENTIFIER_KINDS, default: 'auto', description: 'what the identifier column holds; auto: a phone number, else a member id, else any WeChat identity, value by value' })
  @IsOptional() @IsIn(IDENTIFIER_KINDS)
  identifier?: IdentifierKind;

  @ApiPropertyOptional({ description: 'the header of the column to read; by default the first whose name fits the identifier kind (phone, unionid, openid, external_userid, member_id…), or the only column' })
  @IsOptional() @IsString() @MaxLength(128)
  column?: string;
}

/** Form fields of an import that makes a new static segment. */
export class NewSegmentImportFieldsDto extends SegmentImportFieldsDto {
  @ApiProperty({ example: '线下活动名单' }) @IsString() @Length(1, 64) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
}

export class SegmentJobDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: SEGMENT_JOB_KINDS }) kind: SegmentJobKind;
  @ApiProperty({ enum: SEGMENT_JOB_STATUSES }) status: SegmentJobStatus;
  @ApiProperty({ type: Number, nullable: true, description: 'the segment exported, or imported into (set once an import has created it)' }) segmentId: number | null;
  @ApiProperty({ description: 'members to export, or data rows in the imported file' }) total: number;
  @ApiProperty() processed: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) percent: number;
  @ApiProperty({ description: 'imports: rows that matched a member' }) matched: number;
  @ApiProperty({ description: 'imports: rows that matched nobody (see errorsUrl)' }) unmatched: number;
  @ApiProperty({ description: 'imports: members the segment gained; snapshots: members in the new static segment' }) added: number;
  @ApiProperty({ type: String, nullable: true, description: 'imports: the uploaded file name' }) fileName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the job stopped, if it did' }) error: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'exports, when done: where to download the CSV' }) fileUrl: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'imports with unmatched rows: where to list them' }) errorsUrl: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;
}

export class SegmentJobErrorsQuery {
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)) @IsInt() @Min(1) @Max(1000)
  limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^\d{1,12}$/, { message: 'cursor must be the nextCursor of a previous page' }) cursor?: string;
}

export class SegmentJobErrorDto {
  @ApiProperty({ description: 'line in the file (the header is line 1)' }) row: number;
  @ApiProperty() value: string;
  @ApiProperty({ enum: UNMATCHED_REASONS }) reason: UnmatchedReason;
  @ApiProperty() message: string;
}

export class SegmentJobErrorsPageDto {
  @ApiProperty({ type: [SegmentJobErrorDto] }) items: SegmentJobErrorDto[];
  @ApiProperty({ description: 'rows that matched nobody' }) total: number;
  @ApiProperty({ description: 'how many of them are kept to list (the first 10,000)' }) kept: number;
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class SegmentSnapshotDto {
  @ApiPropertyOptional({ description: 'name of the new static segment (default: "<segment> 快照 <date time>")', maxLength: 64 })
  @IsOptional() @IsString() @Length(1, 64)
  name?: string;
}
