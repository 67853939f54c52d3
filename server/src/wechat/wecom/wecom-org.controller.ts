import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, HQ_ROLES, Roles } from '../../platform/auth/decorators';
import { AdminPrincipal } from '../../platform/http/request-context';
import { WecomContactImportService } from './wecom-contact-import.service';
import {
  CreateStaffAccountDto,
  MapDepartmentDto,
  MapStaffDto,
  StaffAccountCreatedDto,
  StaffQuery,
  SyncRunDto,
  SyncStartedDto,
  WecomDepartmentDto,
  WecomStaffDto,
} from './wecom-org.dto';
import { WecomOrgSyncService } from './wecom-org-sync.service';
import { WecomOrgService } from './wecom-org.service';
import { WecomSyncRunsService } from './wecom-sync-runs.service';

const ACCOUNT = { name: 'accountId', type: Number, description: 'the WeCom channel account (GET /api/channels)' };

@ApiTags('wecom')
@Controller('api/wecom')
export class WecomOrgController {
  constructor(
    private readonly org: WecomOrgService,
    private readonly sync: WecomOrgSyncService,
    private readonly contacts: WecomContactImportService,
    private readonly runs: WecomSyncRunsService,
  ) {}

  @Post('accounts/:accountId/sync/org')
  @Roles(...HQ_ROLES)
  @HttpCode(202)
  @ApiParam(ACCOUNT)
  @ApiOperation({ summary: 'Sync departments and staff from WeCom (background; returns the run, or the one already under way)' })
  @ApiAcceptedResponse({ type: SyncStartedDto })
  async syncOrg(@Param('accountId', ParseIntPipe) accountId: number, @CurrentUser() actor: AdminPrincipal): Promise<SyncStartedDto> {
    return { run: await this.sync.start(accountId, actor) };
  }

  @Post('accounts/:accountId/sync/contacts')
  @Roles(...HQ_ROLES)
  @HttpCode(202)
  @ApiParam(ACCOUNT)
  @ApiOperation({ summary: 'Import every customer of every staff member from WeCom as members (background)' })
  @ApiAcceptedResponse({ type: SyncStartedDto })
  async syncContacts(@Param('accountId', ParseIntPipe) accountId: number, @CurrentUser() actor: AdminPrincipal): Promise<SyncStartedDto> {
    return { run: await this.contacts.start(accountId, actor) };
  }

  @Get('sync-runs/:id')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: SyncRunDto })
  run(@Param('id', ParseIntPipe) id: number): Promise<SyncRunDto> {
    return this.runs.get(id);
  }

  @Get('accounts/:accountId/departments')
  @Roles(...HQ_ROLES)
  @ApiParam(ACCOUNT)
  @ApiOkResponse({ type: [WecomDepartmentDto] })
  departments(@Param('accountId', ParseIntPipe) accountId: number): Promise<WecomDepartmentDto[]> {
    return this.org.departments(accountId);
  }

  @Patch('departments/:id')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'Map a WeCom department to a store (or unmap with null); the sync keeps this choice' })
  @ApiOkResponse({ type: WecomDepartmentDto })
  mapDepartment(@Param('id', ParseIntPipe) id: number, @Body() dto: MapDepartmentDto): Promise<WecomDepartmentDto> {
    return this.org.mapDepartment(id, dto.storeId);
  }

  @Post('departments/:id/create-store')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'Create a store named after the department and map the department to it' })
  @ApiCreatedResponse({ type: WecomDepartmentDto })
  createStore(@Param('id', ParseIntPipe) id: number): Promise<WecomDepartmentDto> {
    return this.org.createStoreFor(id);
  }

  @Get('accounts/:accountId/staff')
  @Roles(...HQ_ROLES)
  @ApiParam(ACCOUNT)
  @ApiOkResponse({ type: [WecomStaffDto] })
  staff(@Param('accountId', ParseIntPipe) accountId: number, @Query() q: StaffQuery): Promise<WecomStaffDto[]> {
    return this.org.staff(accountId, q);
  }

  @Patch('staff/:id')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'Link a WeCom member to the admin user they log in as (or unlink with null)' })
  @ApiOkResponse({ type: WecomStaffDto })
  mapStaff(@Param('id', ParseIntPipe) id: number, @Body() dto: MapStaffDto): Promise<WecomStaffDto> {
    return this.org.mapStaff(id, dto.adminUserId);
  }

  @Post('staff/:id/create-account')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: "Create a store account for a WeCom member in their departments' stores; the password is shown once" })
  @ApiCreatedResponse({ type: StaffAccountCreatedDto })
  createAccount(@Param('id', ParseIntPipe) id: number, @Body() dto: CreateStaffAccountDto): Promise<StaffAccountCreatedDto> {
    return this.org.createAccount(id, dto);
  }
}
