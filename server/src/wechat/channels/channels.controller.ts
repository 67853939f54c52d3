import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HQ_ROLES, Roles } from '../../platform/auth/decorators';
import { ChannelDto, ChannelTestResultDto, CreateChannelDto, SecretStateDto, UpdateChannelDto } from './channels.dto';
import { ChannelsService } from './channels.service';

@ApiTags('channels')
@ApiExtraModels(SecretStateDto)
@Controller('api/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: [ChannelDto] })
  list(): Promise<ChannelDto[]> {
    return this.channels.list();
  }

  @Post()
  @Roles('owner')
  @ApiCreatedResponse({ type: ChannelDto })
  create(@Body() dto: CreateChannelDto): Promise<ChannelDto> {
    return this.channels.create(dto);
  }

  @Get(':id')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: ChannelDto })
  get(@Param('id', ParseIntPipe) id: number): Promise<ChannelDto> {
    return this.channels.get(id);
  }

  @Patch(':id')
  @Roles('owner')
  @ApiOkResponse({ type: ChannelDto })
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateChannelDto): Promise<ChannelDto> {
    return this.channels.update(id, dto);
  }

  @Post(':id/test')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Test the connection: fetch an access token (or check the Pay keys)' })
  @ApiOkResponse({ type: ChannelTestResultDto })
  test(@Param('id', ParseIntPipe) id: number): Promise<ChannelTestResultDto> {
    return this.channels.test(id);
  }
}
