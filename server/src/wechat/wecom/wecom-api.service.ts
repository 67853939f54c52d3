import { Injectable, Logger } from '@nestjs/common';
import { ChannelsService } from '../channels/channels.service';
import { AccessTokenService, TokenCredentials } from '../tokens/access-token.service';
import { WechatEndpoints } from '../wechat-endpoints';
import { WechatApiError, wechatGet, wechatPost } from '../wechat-http';
import {
  AddCorpTagRequest,
  AddMsgTemplateRequest,
  AddMsgTemplateResult,
  AppMessage,
  AppMessageResult,
  CorpTagGroup,
  Department,
  DirectoryUser,
  ExternalContact,
  ExternalContactDetail,
  FollowUser,
  GroupMsgSendResult,
  MarkTagRequest,
  MessageSendResponse,
} from './wecom-api.types';

const TRANSIENT_RETRIES = 2;
const BACKOFF_MS = 200;

/** WeCom answers 84061 ("not external contact") when a staff member simply has no customers. */
const NO_CUSTOMERS = 84061;

/**
 * A typed client of the WeCom server APIs, per corp (the `wecom` channel account whose externalId
 * is the corpid). The access token is shared through the database; 40001/40014/42001 refresh it
 * once and retry, transient failures retry with backoff, anything else throws a WechatApiError.
 */
@Injectable()
export class WecomApiService {
  private readonly logger = new Logger('WecomApi');

  constructor(
    private readonly channels: ChannelsService,
    private readonly tokens: AccessTokenService,
    private readonly endpoints: WechatEndpoints,
  ) {}

  async sendAppMessage(corpId: string, message: AppMessage): Promise<AppMessageResult> {
    const account = await this.account(corpId);
    const res = await this.post<MessageSendResponse>(corpId, 'message/send', appMessageBody(account.agentId, message));
    return toAppMessageResult(res);
  }

  /** A customer and every staff member following them (all follow_user pages). */
  async getExternalContact(corpId: string, externalUserId: string): Promise<ExternalContactDetail> {
    let cursor = '';
    let contact: ExternalContact | null = null;
    const follow: FollowUser[] = [];
    do {
      const page = await this.get<{ external_contact: ExternalContact; follow_user?: FollowUser[]; next_cursor?: string }>(corpId, 'externalcontact/get', {
        external_userid: externalUserId,
        ...(cursor ? { cursor } : {}),
      });
      contact ??= page.external_contact;
      follow.push(...(page.follow_user ?? []));
      cursor = page.next_cursor ?? '';
    } while (cursor);
    return { external_contact: contact!, follow_user: follow };
  }

  /** The external_userids a staff member serves; empty when they have none. */
  async listExternalContacts(corpId: string, staffUserId: string): Promise<string[]> {
    try {
      return (await this.get<{ external_userid?: string[] }>(corpId, 'externalcontact/list', { userid: staffUserId })).external_userid ?? [];
    } catch (e) {
      if (e instanceof WechatApiError && e.errcode === NO_CUSTOMERS) return [];
      throw e;
    }
  }

  /** Staff members with the customer-contact feature. */
  async getFollowUserList(corpId: string): Promise<string[]> {
    return (await this.get<{ follow_user?: string[] }>(corpId, 'externalcontact/get_follow_user_list')).follow_user ?? [];
  }

  /** Changes corp tags on one staff member's customer (WeCom sends no callback for this). */
  async markTag(corpId: string, req: MarkTagRequest): Promise<void> {
    await this.post(corpId, 'externalcontact/mark_tag', req);
  }

  async getCorpTagList(corpId: string, filter: { tag_id?: string[]; group_id?: string[] } = {}): Promise<CorpTagGroup[]> {
    return (await this.post<{ tag_group?: CorpTagGroup[] }>(corpId, 'externalcontact/get_corp_tag_list', filter)).tag_group ?? [];
  }

  async addCorpTag(corpId: string, req: AddCorpTagRequest): Promise<CorpTagGroup> {
    return (await this.post<{ tag_group: CorpTagGroup }>(corpId, 'externalcontact/add_corp_tag', req)).tag_group;
  }

  async addMsgTemplate(corpId: string, req: AddMsgTemplateRequest): Promise<AddMsgTemplateResult> {
    const res = await this.post<{ msgid: string; fail_list?: string[] }>(corpId, 'externalcontact/add_msg_template', req);
    return { msgid: res.msgid, fail_list: res.fail_list ?? [] };
  }

  /** What each customer of one sender got from a 企业群发 task (all pages). */
  async getGroupMsgSendResult(corpId: string, msgid: string, senderUserId: string): Promise<GroupMsgSendResult[]> {
    const out: GroupMsgSendResult[] = [];
    let cursor = '';
    do {
      const page = await this.post<{ send_list?: GroupMsgSendResult[]; next_cursor?: string }>(corpId, 'externalcontact/get_groupmsg_send_result', {
        msgid,
        userid: senderUserId,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...(page.send_list ?? []));
      cursor = page.next_cursor ?? '';
    } while (cursor);
    return out;
  }

  /** The department and everything below it (the whole visible tree when id is omitted). */
  async listDepartments(corpId: string, id?: number): Promise<Department[]> {
    return (await this.get<{ department?: Department[] }>(corpId, 'department/list', id === undefined ? {} : { id: String(id) })).department ?? [];
  }

  /** Members directly in a department, with details (name, position, mobile, leader flags, status). */
  async listUsers(corpId: string, departmentId: number, opts: { fetchChild?: boolean } = {}): Promise<DirectoryUser[]> {
    const q = { department_id: String(departmentId), ...(opts.fetchChild ? { fetch_child: '1' } : {}) };
    return (await this.get<{ userlist?: DirectoryUser[] }>(corpId, 'user/list', q)).userlist ?? [];
  }

  private get<T>(corpId: string, api: string, query: Record<string, string> = {}): Promise<T> {
    return this.call(corpId, api, (base, token) => wechatGet<T>(`${base}/cgi-bin/${api}`, { access_token: token, ...query }));
  }

  private post<T>(corpId: string, api: string, body: unknown): Promise<T> {
    return this.call(corpId, api, (base, token) => wechatPost<T>(`${base}/cgi-bin/${api}`, { access_token: token }, body));
  }

  private async call<T>(corpId: string, api: string, send: (base: string, token: string) => Promise<T>): Promise<T> {
    const creds = await this.credentials(corpId);
    const base = this.endpoints.wecom;
    try {
      return await withWecomRetries(
        async (fresh) => send(base, fresh ? (await this.tokens.refresh(creds, base)).token : await this.tokens.get(creds, base)),
        (ms) => new Promise((r) => setTimeout(r, ms)),
      );
    } catch (e) {
      if (e instanceof WechatApiError && e.kind !== 'transient') this.logger.warn(`WeCom ${corpId} ${api}: ${e.errcode} ${e.errmsg}`);
      throw e;
    }
  }

  private async account(corpId: string) {
    const s = await this.channels.findByExternalId('wecom', corpId);
    if (!s?.secret) throw new WechatApiError(40013, `no enabled WeCom account ${corpId} with a secret`, 'gettoken');
    return { accountId: s.account.id, agentId: s.account.agentId, secret: s.secret };
  }

  private async credentials(corpId: string): Promise<TokenCredentials> {
    const a = await this.account(corpId);
    return { accountId: a.accountId, type: 'wecom', externalId: corpId, secret: a.secret };
  }
}

/**
 * The retry policy: a token WeCom calls invalid or expired is refreshed once (attempt(true)), a
 * transient failure is retried twice after 200 ms and 400 ms, anything else is thrown at once.
 */
export async function withWecomRetries<T>(attempt: (freshToken: boolean) => Promise<T>, sleep: (ms: number) => Promise<unknown>): Promise<T> {
  let refreshed = false;
  let transient = 0;
  let fresh = false;
  for (;;) {
    try {
      return await attempt(fresh);
    } catch (e) {
      if (!(e instanceof WechatApiError)) throw e;
      fresh = false;
      if (e.kind === 'token_invalid' && !refreshed) {
        refreshed = true;
        fresh = true;
        continue;
      }
      if (e.kind === 'transient' && transient < TRANSIENT_RETRIES) {
        await sleep(BACKOFF_MS * 2 ** transient++);
        continue;
      }
      throw e;
    }
  }
}

/** The message/send body: recipients joined with "|", the account's agentid. */
export function appMessageBody(agentId: number | null, m: AppMessage): Record<string, unknown> {
  const { touser, toparty, totag, ...rest } = m;
  const body: Record<string, unknown> = { ...rest, agentid: agentId ?? 0 };
  if (touser !== undefined) body.touser = touser === '@all' ? '@all' : touser.join('|');
  if (toparty?.length) body.toparty = toparty.join('|');
  if (totag?.length) body.totag = totag.join('|');
  return body;
}

export function toAppMessageResult(res: MessageSendResponse): AppMessageResult {
  const split = (s: string | undefined) => (s ? s.split('|').filter(Boolean) : []);
  return {
    msgid: res.msgid ?? '',
    invalidUsers: split(res.invaliduser),
    invalidParties: split(res.invalidparty),
    invalidTags: split(res.invalidtag),
    unlicensedUsers: split(res.unlicenseduser),
  };
}
