import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MembersService } from '../members/members.service';
import { ALL_ROLES, CurrentUser, Roles } from '../platform/auth/decorators';
import { AdminPrincipal } from '../platform/http/request-context';
import { EVENT_CATALOG } from './event-catalog';
import { EventTypeDto, MemberEventPageDto, TimelineQuery } from './events.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller('api')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly members: MembersService,
  ) {}

  @Get('events/types')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [EventTypeDto] })
  types(): EventTypeDto[] {
    return EVENT_CATALOG;
  }

  @Get('members/:id/events')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: MemberEventPageDto, description: "the member's timeline, newest first" })
  async timeline(@Param('id', ParseIntPipe) id: number, @Query() q: TimelineQuery, @CurrentUser() viewer: AdminPrincipal): Promise<MemberEventPageDto> {
    await this.members.visible(viewer, id);
    return this.events.timeline(id, { type: q.type, limit: q.limit ?? 50, cursor: q.cursor });
  }
}
