import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../platform/auth/decorators';
import { BadInputError } from '../../platform/errors/app-error';
import { ChannelsService } from '../channels/channels.service';
import { SandboxWecomMessaging } from './sandbox-wecom-messaging';
import { SandboxWecomState } from './sandbox-wecom-state';
import {
  ConfirmMsgTemplateDto,
  CorpQuery,
  MessagesQuery,
  SandboxAppMessageDto,
  SandboxCustomerDto,
  SandboxDirectoryChangeDto,
  SandboxDirectoryDto,
  SandboxFollowDto,
  SandboxMsgTemplateDto,
  SandboxStaffTagsDto,
} from './sandbox-wecom.dto';
import { SandboxWecomEmitter } from './sandbox-wecom-emitter';

/** Drives the sandbox WeCom from tests and the admin's sandbox page: its directory, customers and what staff received. */
@ApiTags('sandbox')
@Controller('sandbox/wecom')
export class SandboxWecomControlController {
  constructor(
    private readonly wecom: SandboxWecomState,
    private readonly messaging: SandboxWecomMessaging,
    private readonly channels: ChannelsService,
    private readonly emitter: SandboxWecomEmitter,
  ) {}

  @Get('directory')
  @Public()
  @ApiOperation({ summary: "The sandbox corp's departments and staff" })
  @ApiOkResponse({ type: SandboxDirectoryDto })
  async directory(@Query() q: CorpQuery): Promise<SandboxDirectoryDto> {
    await this.assertCorp(q.corpId);
    return this.directoryOf(q.corpId);
  }

  @Post('directory')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Add or change departments and staff of the sandbox corp (as an admin would in WeCom)' })
  @ApiOkResponse({ type: SandboxDirectoryDto })
  async changeDirectory(@Body() dto: SandboxDirectoryChangeDto): Promise<SandboxDirectoryDto> {
    await this.assertCorp(dto.corpId);
    this.wecom.changeDirectory(dto.corpId, dto);
    return this.directoryOf(dto.corpId);
  }

  @Post('customers')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a staff member serve a customer without pushing a callback (for imports)' })
  @ApiOkResponse({ type: SandboxFollowDto })
  async addCustomer(@Body() dto: SandboxCustomerDto): Promise<SandboxFollowDto> {
    await this.assertCorp(dto.corpId);
    return this.wecom.addCustomer(dto.corpId, dto);
  }

  @Post('customers/tags')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "Play a staff member changing a customer's corp tags in the WeCom client: the tags change and WeCom pushes edit_external_contact" })
  async tagCustomer(@Body() dto: SandboxStaffTagsDto): Promise<{ status: number; body: string }> {
    await this.assertCorp(dto.corpId);
    const failure = this.wecom.markTag(dto.corpId, { userid: dto.userId, external_userid: dto.externalUserId, add_tag: dto.addTagIds, remove_tag: dto.removeTagIds });
    if (failure) throw new BadInputError(`WeCom refused: ${failure.errmsg}`, [{ field: 'externalUserId', message: failure.errmsg }]);
    const res = await this.emitter.emit({ corpId: dto.corpId, kind: 'edit_contact', userId: dto.userId, externalUserId: dto.externalUserId, createTime: dto.createTime });
    return { status: res.status, body: res.body };
  }

  @Get('messages')
  @Public()
  @ApiOperation({ summary: 'App messages staff received through message/send, oldest first' })
  @ApiOkResponse({ type: [SandboxAppMessageDto] })
  messages(@Query() q: MessagesQuery): SandboxAppMessageDto[] {
    return this.messaging.messages(q.corpId, q.userId);
  }

  @Get('msg-templates')
  @Public()
  @ApiOperation({ summary: 'Customer mass-message tasks created through add_msg_template' })
  @ApiOkResponse({ type: [SandboxMsgTemplateDto] })
  templates(@Query() q: CorpQuery): SandboxMsgTemplateDto[] {
    return this.messaging.templatesOf(q.corpId);
  }

  @Post('msg-templates/:msgid/send')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Play the staff member confirming a customer mass message in WeCom' })
  @ApiOkResponse({ type: SandboxMsgTemplateDto })
  confirm(@Param('msgid') msgid: string, @Body() dto: ConfirmMsgTemplateDto): SandboxMsgTemplateDto {
    return this.messaging.confirmTemplate(msgid, dto.userId);
  }

  private directoryOf(corpId: string): SandboxDirectoryDto {
    return { departments: this.wecom.departments(corpId), users: this.wecom.users(corpId) };
  }

  private async assertCorp(corpId: string) {
    if (!(await this.channels.findByExternalId('wecom', corpId))) {
      throw new BadInputError(`no WeCom account ${corpId}`, [{ field: 'corpId', message: 'no such WeCom account' }]);
    }
  }
}
