import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentUser, Roles } from '../../platform/auth/decorators';
import { AdminPrincipal } from '../../platform/http/request-context';
import { MemberWecomStaffDto } from './wecom-contacts.dto';
import { WecomContactsService } from './wecom-contacts.service';

@ApiTags('members')
@Controller('api/members')
export class WecomContactsController {
  constructor(private readonly contacts: WecomContactsService) {}

  @Get(':id/wecom-staff')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'WeCom staff who serve (or served) the member, first adder marked' })
  @ApiOkResponse({ type: [MemberWecomStaffDto] })
  staff(@Param('id', ParseIntPipe) id: number, @CurrentUser() viewer: AdminPrincipal): Promise<MemberWecomStaffDto[]> {
    return this.contacts.forMember(viewer, id);
  }
}
