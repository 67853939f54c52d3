import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiExtraModels, ApiOperation, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { MembersService } from '../members/members.service';
import { ALL_ROLES, ApiKeyOnly, CurrentApiKey, CurrentUser, Roles } from '../platform/auth/decorators';
import { createValidationPipe } from '../platform/http/validation.pipe';
import { CustomEventBatchDto, CustomEventDto, CustomEventsAcceptedDto } from './custom-events.dto';
import { CustomEventsService } from './custom-events.service';
import { AdminPrincipal, ApiKeyPrincipal } from '../platform/http/request-context';
import { BadInputError } from '../platform/errors/app-error';
import { EVENT_CATALOG } from './event-catalog';
import { EventTypeDto, MemberEventPageDto, TimelineQuery } from './events.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiExtraModels(CustomEventDto, CustomEventBatchDto)
@Controller('api')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly members: MembersService,
    private readonly custom: CustomEventsService,
  ) {}

  @Post('events')
  @ApiKeyOnly()
  @HttpCode(202)
  @ApiOperation({ summary: 'Send custom events: one, or {events: [...]} up to 1000; the whole batch is checked before any is stored' })
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(CustomEventDto) }, { $ref: getSchemaPath(CustomEventBatchDto) }] } })
  @ApiAcceptedResponse({ type: CustomEventsAcceptedDto })
  async ingest(@Body() body: unknown, @CurrentApiKey() key: ApiKeyPrincipal): Promise<CustomEventsAcceptedDto> {
    const isBatch = typeof body === 'object' && body !== null && 'events' in body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadInputError('send one event object or {events: [...]}');
    const pipe = createValidationPipe();
    const parsed = isBatch
      ? ((await pipe.transform(body, { type: 'body', metatype: CustomEventBatchDto })) as CustomEventBatchDto).events
      : [(await pipe.transform(body, { type: 'body', metatype: CustomEventDto })) as CustomEventDto];
    return this.custom.accept(parsed, key);
  }

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
