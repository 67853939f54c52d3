import { Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, HQ_ROLES, Roles } from '../../platform/auth/decorators';
import { AdminPrincipal } from '../../platform/http/request-context';
import { FollowerImportDto } from './oa-follower-import.dto';
import { OaFollowerImportService } from './oa-follower-import.service';

@ApiTags('channels')
@Controller('api/oa')
export class OaFollowerImportController {
  constructor(private readonly imports: OaFollowerImportService) {}

  @Post('accounts/:accountId/follower-imports')
  @Roles(...HQ_ROLES)
  @HttpCode(202)
  @ApiOperation({ summary: "Import the OA's existing followers as members (a background job; poll its progress)" })
  @ApiAcceptedResponse({ type: FollowerImportDto })
  start(@Param('accountId', ParseIntPipe) accountId: number, @CurrentUser() actor: AdminPrincipal): Promise<FollowerImportDto> {
    return this.imports.start(accountId, actor);
  }

  @Get('accounts/:accountId/follower-imports')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: [FollowerImportDto] })
  list(@Param('accountId', ParseIntPipe) accountId: number): Promise<FollowerImportDto[]> {
    return this.imports.list(accountId);
  }

  @Get('follower-imports/:id')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: FollowerImportDto })
  status(@Param('id', ParseIntPipe) id: number): Promise<FollowerImportDto> {
    return this.imports.status(id);
  }
}
