import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HQ_ROLES, Roles } from '../../platform/auth/decorators';
import { AutoReplyDto, SaveAutoReplyDto, UpdateAutoReplyDto } from './oa-auto-reply.dto';
import { OaAutoReplyService } from './oa-auto-reply.service';

@ApiTags('channels')
@Controller('api/oa/auto-replies')
export class OaAutoReplyController {
  constructor(private readonly replies: OaAutoReplyService) {}

  @Get()
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: [AutoReplyDto] })
  list(): Promise<AutoReplyDto[]> {
    return this.replies.list();
  }

  @Post()
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'A reply the OA sends at once: on follow, to a keyword, or to any other text message' })
  @ApiCreatedResponse({ type: AutoReplyDto })
  create(@Body() dto: SaveAutoReplyDto): Promise<AutoReplyDto> {
    return this.replies.create(dto);
  }

  @Patch(':id')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: AutoReplyDto })
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateAutoReplyDto): Promise<AutoReplyDto> {
    return this.replies.update(id, dto);
  }

  @Delete(':id')
  @Roles(...HQ_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.replies.remove(id);
  }
}
