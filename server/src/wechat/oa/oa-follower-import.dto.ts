import { ApiProperty } from '@nestjs/swagger';
import { FOLLOWER_IMPORT_STATUSES, FollowerImportStatus } from './oa-follower-import.entity';

export class FollowerImportDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'the OA channel account' }) accountId: number;
  @ApiProperty({ enum: FOLLOWER_IMPORT_STATUSES }) status: FollowerImportStatus;
  @ApiProperty({ description: '0-100' }) percent: number;
  @ApiProperty({ description: 'followers WeChat reports for the account' }) total: number;
  @ApiProperty() processed: number;
  @ApiProperty({ description: 'new members made for followers we did not know' }) created: number;
  @ApiProperty({ description: 'followers that were already members' }) matched: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: String, nullable: true }) failure: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
