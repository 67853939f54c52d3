import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { HQ_ROLES, Roles } from '../auth/decorators';
import { isoOrNull } from '../time/time';
import { AuditService } from './audit.service';

class AuditQuery {
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor of a previous page' }) cursor?: string;
  @ApiPropertyOptional({ example: 'member' }) @IsOptional() @IsString() @MaxLength(40) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) actorId?: number;
}

class AuditLogDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: Number, nullable: true }) actorId: number | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ example: 'member.update' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ nullable: true, description: 'state before the change' }) before: unknown;
  @ApiProperty({ nullable: true, description: 'state after the change' }) after: unknown;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogDto] }) items: AuditLogDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

@ApiTags('audit')
@Controller('api/audit-logs')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: AuditLogPageDto })
  async list(@Query() q: AuditQuery): Promise<AuditLogPageDto> {
    const page = await this.audit.list({ limit: q.limit ?? 50, cursor: q.cursor, entityType: q.entityType, entityId: q.entityId, actorId: q.actorId });
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((a) => ({
        id: a.id,
        actorId: a.actorId,
        actorName: a.actorName,
        action: a.action,
        entityType: a.entityType,
        entityId: a.entityId,
        before: a.before ?? null,
        after: a.after ?? null,
        requestId: a.requestId,
        createdAt: isoOrNull(a.createdAt) ?? '',
      })),
    };
  }
}
