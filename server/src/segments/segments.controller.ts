import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, HQ_ROLES, Roles } from '../platform/auth/decorators';
import { AdminPrincipal } from '../platform/http/request-context';
import { SavedSegmentsService } from './saved-segments.service';
import { CreateSegmentDto, SegmentDto, SegmentFieldDto, SegmentMembersPageDto, SegmentMembersQuery, SegmentPreviewDto, SegmentPreviewResultDto, UpdateSegmentDto } from './segments.dto';
import { SegmentsService } from './segments.service';

@ApiTags('segments')
@Controller('api/segments')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly saved: SavedSegmentsService,
  ) {}

  @Post('preview')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Count the members a rule matches now, with a sample (the rule is not saved)' })
  @ApiOkResponse({ type: SegmentPreviewResultDto })
  preview(@Body() dto: SegmentPreviewDto): Promise<SegmentPreviewResultDto> {
    return this.segments.preview(dto.rule, dto.sampleSize ?? 20);
  }

  @Get('fields')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'The member fields and custom attributes a rule can use, with their operators' })
  @ApiOkResponse({ type: [SegmentFieldDto] })
  fields(): Promise<SegmentFieldDto[]> {
    return this.segments.fields();
  }

  @Get()
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: [SegmentDto] })
  list(): Promise<SegmentDto[]> {
    return this.saved.list();
  }

  @Post()
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'Save a segment: dynamic (a rule) or static (a snapshot of a rule now, or a member list)' })
  @ApiCreatedResponse({ type: SegmentDto })
  create(@Body() dto: CreateSegmentDto, @CurrentUser() actor: AdminPrincipal): Promise<SegmentDto> {
    return this.saved.create(dto, actor);
  }

  @Get(':id')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: SegmentDto })
  get(@Param('id', ParseIntPipe) id: number): Promise<SegmentDto> {
    return this.saved.get(id);
  }

  @Patch(':id')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: SegmentDto })
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateSegmentDto): Promise<SegmentDto> {
    return this.saved.update(id, dto);
  }

  @Delete(':id')
  @Roles(...HQ_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.saved.remove(id);
  }

  @Post(':id/count')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Count the segment now (adds a point to its trend)' })
  @ApiOkResponse({ type: SegmentDto })
  recount(@Param('id', ParseIntPipe) id: number): Promise<SegmentDto> {
    return this.saved.recount(id);
  }

  @Get(':id/members')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: "The segment's members, newest first" })
  @ApiOkResponse({ type: SegmentMembersPageDto })
  members(@Param('id', ParseIntPipe) id: number, @Query() q: SegmentMembersQuery): Promise<SegmentMembersPageDto> {
    return this.saved.memberPage(id, q.limit ?? 20, q.cursor);
  }
}
