import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, HQ_ROLES, Roles } from '../../platform/auth/decorators';
import { AdminPrincipal } from '../../platform/http/request-context';
import { CreateTagLinkDto, TagLinkDto, WechatTagDto } from './tag-sync.dto';
import { TagSyncService } from './tag-sync.service';

@ApiTags('tags')
@Controller('api')
export class TagSyncController {
  constructor(private readonly sync: TagSyncService) {}

  @Get('tags/:id/links')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'WeChat tags (OA user tags, WeCom corp tags) this tag is kept in step with' })
  @ApiOkResponse({ type: [TagLinkDto] })
  links(@Param('id', ParseIntPipe) id: number): Promise<TagLinkDto[]> {
    return this.sync.links(id);
  }

  @Post('tags/:id/links')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'Link the tag to a WeChat tag (created with the same name if none is given); a first two-way sync runs in the background' })
  @ApiCreatedResponse({ type: TagLinkDto })
  link(@Param('id', ParseIntPipe) id: number, @Body() dto: CreateTagLinkDto, @CurrentUser() actor: AdminPrincipal): Promise<TagLinkDto> {
    return this.sync.link(id, dto, actor);
  }

  @Post('tags/:id/links/:linkId/sync')
  @Roles(...HQ_ROLES)
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a two-way sync of the link now (members tagged on either side get the tag on the other)' })
  @ApiAcceptedResponse({ type: TagLinkDto })
  resync(@Param('id', ParseIntPipe) id: number, @Param('linkId', ParseIntPipe) linkId: number): Promise<TagLinkDto> {
    return this.sync.requestSync(id, linkId);
  }

  @Delete('tags/:id/links/:linkId')
  @Roles(...HQ_ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop syncing (tags already set on either side stay)' })
  @ApiNoContentResponse()
  unlink(@Param('id', ParseIntPipe) id: number, @Param('linkId', ParseIntPipe) linkId: number): Promise<void> {
    return this.sync.unlink(id, linkId);
  }

  @Get('channels/:accountId/wechat-tags')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: "The account's own tags as WeChat lists them (to link an existing one)" })
  @ApiOkResponse({ type: [WechatTagDto] })
  wechatTags(@Param('accountId', ParseIntPipe) accountId: number): Promise<WechatTagDto[]> {
    return this.sync.wechatTags(accountId);
  }
}
