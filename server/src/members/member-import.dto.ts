import { ApiProperty } from '@nestjs/swagger';
import { IMPORT_STATUSES, ImportStatus } from './member-import.entity';

export class ImportStartedDto {
  @ApiProperty({ description: 'poll GET /api/members/import/{jobId}' }) jobId: string;
}

export class ImportJobDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: ImportStatus;
  @ApiProperty() fileName: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) percent: number;
  @ApiProperty({ description: 'data rows in the file' }) total: number;
  @ApiProperty() processed: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty({ description: 'rows that were not imported; see the error report' }) failed: number;
  @ApiProperty({ type: String, nullable: true, description: 'why the whole import stopped, if it did' }) failure: string | null;
  @ApiProperty({ type: String, nullable: true }) errorReportUrl: string | null;
}
