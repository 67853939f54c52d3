import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, HQ_ROLES, Roles } from '../platform/auth/decorators';
import { ListTagsQuery, SaveTagDto, SaveTagGroupDto, TagDto, TagGroupDto, UpdateTagDto, UpdateTagGroupDto } from './tags.dto';
import { TagsService } from './tags.service';

@ApiTags('tags')
@Controller('api/tag-groups')
export class TagGroupsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [TagGroupDto] })
  list(): Promise<TagGroupDto[]> {
    return this.tags.listGroups();
  }

  @Post()
  @Roles(...HQ_ROLES)
  @ApiCreatedResponse({ type: TagGroupDto })
  create(@Body() dto: SaveTagGroupDto): Promise<TagGroupDto> {
    return this.tags.createGroup(dto);
  }

  @Patch(':id')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: TagGroupDto })
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateTagGroupDto): Promise<TagGroupDto> {
    return this.tags.updateGroup(id, dto);
  }

  @Delete(':id')
  @Roles(...HQ_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.tags.deleteGroup(id);
  }
}

@ApiTags('tags')
@Controller('api/tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [TagDto] })
  list(@Query() q: ListTagsQuery): Promise<TagDto[]> {
    return this.tags.listTags(q.groupId);
  }

  @Post()
  @Roles(...HQ_ROLES)
  @ApiCreatedResponse({ type: TagDto })
  create(@Body() dto: SaveTagDto): Promise<TagDto> {
    return this.tags.createTag(dto);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: TagDto })
  get(@Param('id', ParseIntPipe) id: number): Promise<TagDto> {
    return this.tags.getTag(id);
  }

  @Patch(':id')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: TagDto })
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateTagDto): Promise<TagDto> {
    return this.tags.updateTag(id, dto);
  }

  @Delete(':id')
  @Roles(...HQ_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.tags.deleteTag(id);
  }
}
