import { Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentUser, HQ_ROLES, Roles } from '../platform/auth/decorators';
import { AdminPrincipal } from '../platform/http/request-context';
import { MemberMergeDto } from './member-merge.dto';
import { MemberMergeService } from './member-merge.service';
import { MembersService } from './members.service';

/** The record of merged members, and undoing a merge. */
@ApiTags('members')
@Controller('api')
export class MemberMergesController {
  constructor(
    private readonly merges: MemberMergeService,
    private readonly members: MembersService,
  ) {}

  @Get('members/:id/merges')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "Merges that joined other records into this member (or this one into another), newest first" })
  @ApiOkResponse({ type: [MemberMergeDto] })
  async history(@Param('id', ParseIntPipe) id: number, @CurrentUser() viewer: AdminPrincipal): Promise<MemberMergeDto[]> {
    await this.members.visible(viewer, id);
    return this.merges.history(id);
  }

  @Get('member-merges/:id')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: MemberMergeDto })
  async get(@Param('id', ParseIntPipe) id: number): Promise<MemberMergeDto> {
    return this.merges.toDto(await this.merges.get(id));
  }

  @Post('member-merges/:id/undo')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Split a merge: the absorbed member returns with its identities, tags, attributes and events; the two are not merged again automatically' })
  @ApiOkResponse({ type: MemberMergeDto })
  undo(@Param('id', ParseIntPipe) id: number, @CurrentUser() viewer: AdminPrincipal): Promise<MemberMergeDto> {
    return this.merges.undo(id, viewer);
  }
}
