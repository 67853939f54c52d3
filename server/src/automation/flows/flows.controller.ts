import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, HQ_ROLES, Roles } from '../../platform/auth/decorators';
import { AdminPrincipal } from '../../platform/http/request-context';
import { CreateFlowDto, FlowDto, FlowListQuery, FlowSummaryDto, FlowValidationDto, FlowVersionDto, FlowVersionSummaryDto, UpdateFlowDto } from './flows.dto';
import { FlowsService } from './flows.service';

@ApiTags('automation')
@Controller('api/automation/flows')
export class FlowsController {
  constructor(private readonly flows: FlowsService) {}

  @Post()
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'Create a flow (a draft; publish it to start enrolling members)' })
  @ApiCreatedResponse({ type: FlowDto })
  create(@Body() dto: CreateFlowDto, @CurrentUser() actor: AdminPrincipal): Promise<FlowDto> {
    return this.flows.create(dto, actor);
  }

  @Get()
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: [FlowSummaryDto] })
  list(@Query() q: FlowListQuery): Promise<FlowSummaryDto[]> {
    return this.flows.list(q.status);
  }

  @Get(':id')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'A flow with its draft graph and its published versions' })
  @ApiOkResponse({ type: FlowDto })
  get(@Param('id', ParseIntPipe) id: number): Promise<FlowDto> {
    return this.flows.get(id);
  }

  @Patch(':id')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'Save the name, description or draft graph (not for archived flows)' })
  @ApiOkResponse({ type: FlowDto })
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateFlowDto): Promise<FlowDto> {
    return this.flows.update(id, dto);
  }

  @Post(':id/validate')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Check the draft as publishing would; each problem names its node or edge' })
  @ApiOkResponse({ type: FlowValidationDto })
  validate(@Param('id', ParseIntPipe) id: number): Promise<FlowValidationDto> {
    return this.flows.validate(id);
  }

  @Post(':id/publish')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the draft as the next version (400 with the validation errors in details when it is not valid). A draft flow becomes active; a paused one stays paused.' })
  @ApiOkResponse({ type: FlowDto })
  publish(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AdminPrincipal): Promise<FlowDto> {
    return this.flows.publish(id, actor);
  }

  @Post(':id/pause')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause an active flow (409 otherwise)' })
  @ApiOkResponse({ type: FlowDto })
  pause(@Param('id', ParseIntPipe) id: number): Promise<FlowDto> {
    return this.flows.pause(id);
  }

  @Post(':id/resume')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused flow (409 otherwise)' })
  @ApiOkResponse({ type: FlowDto })
  resume(@Param('id', ParseIntPipe) id: number): Promise<FlowDto> {
    return this.flows.resume(id);
  }

  @Post(':id/archive')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a flow: it stops and becomes read-only (409 when already archived)' })
  @ApiOkResponse({ type: FlowDto })
  archive(@Param('id', ParseIntPipe) id: number): Promise<FlowDto> {
    return this.flows.archive(id);
  }

  @Get(':id/versions')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: [FlowVersionSummaryDto] })
  versions(@Param('id', ParseIntPipe) id: number): Promise<FlowVersionSummaryDto[]> {
    return this.flows.versions(id);
  }

  @Get(':id/versions/:version')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'One published version with its graph (never changes)' })
  @ApiOkResponse({ type: FlowVersionDto })
  version(@Param('id', ParseIntPipe) id: number, @Param('version', ParseIntPipe) version: number): Promise<FlowVersionDto> {
    return this.flows.version(id, version);
  }
}
