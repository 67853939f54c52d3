import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiParam, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ALL_ROLES, CurrentUser, HQ_ROLES, Roles } from '../platform/auth/decorators';
import { AdminPrincipal } from '../platform/http/request-context';
import { actorOf } from '../tags/tags.service';
import { ImportJobDto, ImportStartedDto } from './member-import.dto';
import { MemberExportService } from './member-export.service';
import { MemberImportService } from './member-import.service';
import { MemberListService } from './member-list.service';
import { AddTagsDto, BulkTagsDto, BulkTagsResultDto, CreateMemberDto, ListMembersQuery, MemberDetailDto, MemberFilterQuery, MemberPageDto, UpdateMemberDto } from './members.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@Controller('api/members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly list: MemberListService,
    private readonly imports: MemberImportService,
    private readonly exports: MemberExportService,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: MemberPageDto })
  async find(@Query() q: ListMembersQuery, @CurrentUser() viewer: AdminPrincipal): Promise<MemberPageDto> {
    const { limit, cursor, ...filter } = q;
    const page = await this.list.page(viewer, filter, limit ?? 20, cursor);
    return { items: await this.members.summaries(page.items), nextCursor: page.nextCursor, total: page.total };
  }

  @Post()
  @Roles(...ALL_ROLES)
  @ApiCreatedResponse({ type: MemberDetailDto })
  create(@Body() dto: CreateMemberDto, @CurrentUser() viewer: AdminPrincipal): Promise<MemberDetailDto> {
    return this.members.create(viewer, dto);
  }

  @Get('export.csv')
  @Roles('owner', 'operator', 'store_manager')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'UTF-8 CSV (with BOM for Excel) of every member matching the filters', content: { 'text/csv': { schema: { type: 'string' } } } })
  async exportCsv(@Query() q: MemberFilterQuery, @CurrentUser() viewer: AdminPrincipal, @Res() res: Response): Promise<void> {
    await this.exports.stream(viewer, q, res);
  }

  @Post('bulk-tags')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: BulkTagsResultDto })
  async bulkTags(@Body() dto: BulkTagsDto, @CurrentUser() viewer: AdminPrincipal): Promise<BulkTagsResultDto> {
    return { affected: await this.members.bulkTags(dto.memberIds, dto.tagIds, dto.action, actorOf(viewer)) };
  }

  @Post('import')
  @Roles(...HQ_ROLES)
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: ImportStartedDto })
  startImport(@UploadedFile() file: { buffer: Buffer; originalname: string } | undefined, @CurrentUser() viewer: AdminPrincipal): Promise<ImportStartedDto> {
    return this.imports.start(file, viewer);
  }

  @Get('import/:jobId')
  @Roles(...HQ_ROLES)
  @ApiParam({ name: 'jobId', type: String, description: 'the jobId returned by POST /api/members/import' })
  @ApiOkResponse({ type: ImportJobDto })
  importStatus(@Param('jobId', ParseIntPipe) jobId: number): Promise<ImportJobDto> {
    return this.imports.status(jobId);
  }

  @Get('import/:jobId/errors.csv')
  @Roles(...HQ_ROLES)
  @ApiParam({ name: 'jobId', type: String, description: 'the jobId returned by POST /api/members/import' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'one line per problem: row, column, message, raw', content: { 'text/csv': { schema: { type: 'string' } } } })
  async importErrors(@Param('jobId', ParseIntPipe) jobId: number, @Res() res: Response): Promise<void> {
    const csv = await this.imports.errorReport(jobId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="import-${jobId}-errors.csv"`);
    res.send(csv);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: MemberDetailDto })
  detail(@Param('id', ParseIntPipe) id: number, @CurrentUser() viewer: AdminPrincipal): Promise<MemberDetailDto> {
    return this.members.detail(viewer, id);
  }

  @Patch(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: MemberDetailDto })
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateMemberDto, @CurrentUser() viewer: AdminPrincipal): Promise<MemberDetailDto> {
    return this.members.update(viewer, id, dto);
  }

  @Post(':id/tags')
  @Roles(...ALL_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: MemberDetailDto })
  addTags(@Param('id', ParseIntPipe) id: number, @Body() dto: AddTagsDto, @CurrentUser() viewer: AdminPrincipal): Promise<MemberDetailDto> {
    return this.members.addTags(viewer, id, dto.tagIds, actorOf(viewer));
  }

  @Delete(':id/tags/:tagId')
  @Roles(...ALL_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeTag(@Param('id', ParseIntPipe) id: number, @Param('tagId', ParseIntPipe) tagId: number, @CurrentUser() viewer: AdminPrincipal): Promise<void> {
    await this.members.removeTag(viewer, id, tagId);
  }
}
