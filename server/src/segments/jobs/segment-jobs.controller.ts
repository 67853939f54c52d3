import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { Response } from 'express';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { CurrentUser, HQ_ROLES, Roles } from '../../platform/auth/decorators';
import { AdminPrincipal } from '../../platform/http/request-context';
import { IDENTIFIER_KINDS } from './segment-job.entity';
import { SegmentExportService } from './segment-export.service';
import { SegmentImportService } from './segment-import.service';
import { SegmentSnapshotService } from './segment-snapshot.service';
import { NewSegmentImportFieldsDto, SegmentImportFieldsDto, SegmentJobDto, SegmentJobErrorsPageDto, SegmentJobErrorsQuery, SegmentSnapshotDto } from './segment-jobs.dto';
import { SegmentJobsService } from './segment-jobs.service';

type Upload = { buffer: Buffer; originalname: string } | undefined;

const IMPORT_FIELDS: Record<string, SchemaObject> = {
  file: { type: 'string', format: 'binary', description: 'UTF-8 CSV with a header row, up to 200,000 rows and 20 MB' },
  identifier: { type: 'string', enum: [...IDENTIFIER_KINDS], default: 'auto' },
  column: { type: 'string', description: 'header of the column to read (default: found by name)' },
};

/**
 * Segment exports and imports run as jobs: start one (202 with the job), poll it, then download the
 * file or list the rows that matched nobody. Segments are headquarters' tool, so these are too.
 */
@ApiTags('segments')
@Controller()
export class SegmentJobsController {
  constructor(
    private readonly jobs: SegmentJobsService,
    private readonly exports: SegmentExportService,
    private readonly imports: SegmentImportService,
    private readonly snapshots: SegmentSnapshotService,
  ) {}

  @Post('api/segments/:id/snapshots')
  @Roles(...HQ_ROLES)
  @HttpCode(202)
  @ApiOperation({ summary: 'Freeze who is in a dynamic segment now as a new static segment (a job; when done, segmentId names the new segment)' })
  @ApiAcceptedResponse({ type: SegmentJobDto })
  startSnapshot(@Param('id', ParseIntPipe) id: number, @Body() dto: SegmentSnapshotDto, @CurrentUser() actor: AdminPrincipal): Promise<SegmentJobDto> {
    return this.snapshots.start(id, dto.name, actor);
  }

  @Post('api/segments/:id/exports')
  @Roles(...HQ_ROLES)
  @HttpCode(202)
  @ApiOperation({ summary: "Export the segment's members as CSV (a job: poll it, then download its file)" })
  @ApiAcceptedResponse({ type: SegmentJobDto })
  startExport(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AdminPrincipal): Promise<SegmentJobDto> {
    return this.exports.start(id, actor);
  }

  @Post('api/segments/imports')
  @Roles(...HQ_ROLES)
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Make a static segment from a CSV of member ids, phones, unionids, openids or WeCom external userids (a job)' })
  @ApiBody({ schema: { type: 'object', required: ['file', 'name'], properties: { ...IMPORT_FIELDS, name: { type: 'string', maxLength: 64 }, description: { type: 'string', maxLength: 255 } } } })
  @ApiAcceptedResponse({ type: SegmentJobDto })
  importNew(@UploadedFile() file: Upload, @Body() fields: NewSegmentImportFieldsDto, @CurrentUser() actor: AdminPrincipal): Promise<SegmentJobDto> {
    return this.imports.start(file, fields, null, actor);
  }

  @Post('api/segments/:id/imports')
  @Roles(...HQ_ROLES)
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Add the members a CSV names to an existing static segment (a job)' })
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: IMPORT_FIELDS } })
  @ApiAcceptedResponse({ type: SegmentJobDto })
  importInto(@Param('id', ParseIntPipe) id: number, @UploadedFile() file: Upload, @Body() fields: SegmentImportFieldsDto, @CurrentUser() actor: AdminPrincipal): Promise<SegmentJobDto> {
    return this.imports.start(file, fields, id, actor);
  }

  @Get('api/segment-jobs/:jobId')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'A segment export or import: status, progress and counts' })
  @ApiOkResponse({ type: SegmentJobDto })
  status(@Param('jobId', ParseIntPipe) jobId: number): Promise<SegmentJobDto> {
    return this.jobs.status(jobId);
  }

  @Get('api/segment-jobs/:jobId/file')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: "A finished export's CSV (UTF-8 with BOM for Excel); 409 while it is still running" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the CSV', content: { 'text/csv': { schema: { type: 'string' } } } })
  async file(@Param('jobId', ParseIntPipe) jobId: number, @Res() res: Response): Promise<void> {
    const f = await this.jobs.exportFile(jobId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Length', String(f.size));
    res.setHeader('Content-Disposition', `attachment; filename="${f.asciiName}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    await pipeline(createReadStream(f.path), res);
  }

  @Get('api/segment-jobs/:jobId/errors')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: "An import's rows that matched no member, with the reason, in file order" })
  @ApiOkResponse({ type: SegmentJobErrorsPageDto })
  errors(@Param('jobId', ParseIntPipe) jobId: number, @Query() q: SegmentJobErrorsQuery): Promise<SegmentJobErrorsPageDto> {
    return this.jobs.errors(jobId, q.limit ?? 100, q.cursor);
  }
}
