import { Body, Controller, Get, HttpCode, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../platform/auth/decorators';
import { ChannelsService } from '../channels/channels.service';
import { SandboxRecorder } from './sandbox-recorder.interceptor';
import { SandboxState } from './sandbox-state.service';
import { SandboxWecomMessaging } from './sandbox-wecom-messaging';
import { SandboxWecomState, WecomFailure, fail, failed } from './sandbox-wecom-state';

type Q = Record<string, string>;
type B = Record<string, unknown>;
const OK = { errcode: 0, errmsg: 'ok' };

/**
 * The sandbox qyapi.weixin.qq.com (sandbox mode only): directory, customer contact, corp tags, app
 * messages and customer mass messages, with WeCom's answers and errcodes (always HTTP 200).
 * Calls are recorded and faults applied by SandboxRecorder (api = /qyapi/cgi-bin/…).
 */
@ApiTags('sandbox')
@Controller('sandbox/qyapi/cgi-bin')
@UseInterceptors(SandboxRecorder)
export class SandboxWecomController {
  constructor(
    private readonly state: SandboxState,
    private readonly wecom: SandboxWecomState,
    private readonly messaging: SandboxWecomMessaging,
    private readonly channels: ChannelsService,
  ) {}

  @Get('department/list')
  @Public()
  @ApiOperation({ summary: 'WeCom department/list' })
  departmentList(@Query() q: Q) {
    return this.withCorp(q, (corp) => {
      if (q.id !== undefined && !/^\d+$/.test(q.id)) return fail(60123, `invalid party id ${q.id}`);
      const tree = this.wecom.departmentTree(corp, q.id === undefined ? undefined : Number(q.id));
      return failed(tree) ? tree : { ...OK, department: tree };
    });
  }

  @Get('user/list')
  @Public()
  @ApiOperation({ summary: 'WeCom user/list (members of a department, with details)' })
  userList(@Query() q: Q) {
    return this.withCorp(q, (corp) => {
      if (!/^\d+$/.test(q.department_id ?? '')) return fail(60123, `invalid party id ${q.department_id ?? ''}`);
      const users = this.wecom.usersIn(corp, Number(q.department_id), q.fetch_child === '1');
      if (failed(users)) return users;
      return { ...OK, userlist: users.map((u) => ({ ...u, avatar: `https://wework.qpic.cn/sandbox/${u.userid}/0`, alias: '', direct_leader: [] })) };
    });
  }

  @Post('message/send')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'WeCom message/send (app message to staff)' })
  messageSend(@Query() q: Q, @Body() body: B) {
    return this.withCorp(q, async (corp) => {
      const agentId = (await this.channels.findByExternalId('wecom', corp))?.account.agentId ?? null;
      return this.messaging.send(corp, agentId, body ?? {});
    });
  }

  @Get('externalcontact/get_follow_user_list')
  @Public()
  @ApiOperation({ summary: 'WeCom staff with the customer-contact feature' })
  followUserList(@Query() q: Q) {
    return this.withCorp(q, (corp) => ({ ...OK, follow_user: this.wecom.users(corp).filter((u) => u.status === 1).map((u) => u.userid) }));
  }

  @Get('externalcontact/list')
  @Public()
  @ApiOperation({ summary: "WeCom externalcontact/list (a staff member's customers)" })
  externalList(@Query() q: Q) {
    return this.withCorp(q, (corp) => {
      if (!q.userid) return fail(41009, 'missing userid');
      if (!this.wecom.user(corp, q.userid)) return fail(60111, `userid not found: ${q.userid}`);
      const ids = this.wecom.customersOf(corp, q.userid);
      return ids.length ? { ...OK, external_userid: ids } : fail(84061, 'not external contact');
    });
  }

  @Get('externalcontact/get')
  @Public()
  @ApiOperation({ summary: 'WeCom externalcontact/get (a customer and the staff who follow them)' })
  externalGet(@Query() q: Q) {
    return this.withCorp(q, (corp) => {
      if (!q.external_userid) return fail(41035, 'missing external userid');
      if (!/^[A-Za-z0-9_-]{6,64}$/.test(q.external_userid)) return fail(40096, `invalid external userid ${q.external_userid}`);
      const found = this.wecom.customer(corp, q.external_userid);
      if (!found) return fail(84061, 'not external contact');
      const { unionid, ...contact } = found.contact;
      return {
        ...OK,
        external_contact: { ...contact, unionid },
        follow_user: found.follows.map(({ tagIds, ...f }) => ({
          ...f,
          tags: tagIds.flatMap((id) => {
            const t = this.wecom.tagById(corp, id);
            return t ? [{ group_name: t.group.group_name, tag_name: t.tag.name, tag_id: id, type: 1 }] : [];
          }),
          remark_mobiles: [],
        })),
        next_cursor: '',
      };
    });
  }

  @Post('externalcontact/mark_tag')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "WeCom externalcontact/mark_tag (change corp tags on a staff member's customer)" })
  markTag(@Query() q: Q, @Body() body: B) {
    return this.withCorp(q, (corp) => this.wecom.markTag(corp, (body ?? {}) as Parameters<SandboxWecomState['markTag']>[1]) ?? OK);
  }

  @Post('externalcontact/get_corp_tag_list')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'WeCom corp tag library' })
  corpTagList(@Query() q: Q, @Body() body: B) {
    return this.withCorp(q, (corp) => {
      const tagIds = Array.isArray(body?.tag_id) ? (body.tag_id as string[]) : [];
      const groupIds = Array.isArray(body?.group_id) ? (body.group_id as string[]) : [];
      let groups = this.wecom.tagGroups(corp);
      if (tagIds.length) groups = groups.map((g) => ({ ...g, tag: g.tag.filter((t) => tagIds.includes(t.id)) })).filter((g) => g.tag.length);
      else if (groupIds.length) groups = groups.filter((g) => groupIds.includes(g.group_id));
      return { ...OK, tag_group: groups };
    });
  }

  @Post('externalcontact/add_corp_tag')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'WeCom add corp tags (a new group when group_name is new)' })
  addCorpTag(@Query() q: Q, @Body() body: B) {
    return this.withCorp(q, (corp) => {
      const group = this.wecom.addCorpTags(corp, (body ?? {}) as Parameters<SandboxWecomState['addCorpTags']>[1]);
      return failed(group) ? group : { ...OK, tag_group: group };
    });
  }

  @Post('externalcontact/add_msg_template')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'WeCom customer mass message (waits for the sender to confirm)' })
  addMsgTemplate(@Query() q: Q, @Body() body: B) {
    return this.withCorp(q, (corp) => this.messaging.addTemplate(corp, body ?? {}));
  }

  @Post('externalcontact/get_groupmsg_send_result')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'WeCom customer mass message: what each customer of a sender got' })
  groupMsgSendResult(@Query() q: Q, @Body() body: B) {
    return this.withCorp(q, (corp) => this.messaging.sendResult(corp, body ?? {}));
  }

  /** Checks the access token as WeCom does (41001 missing, 40001 unknown, 42001 expired). */
  private async withCorp(q: Q, fn: (corpId: string) => WecomFailure | object | Promise<WecomFailure | object>) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    return fn(auth.owner);
  }
}
