import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import WechatAPI from 'co-wechat-api';
import { DataSource } from 'typeorm';
import { ChannelAccessTokenEntity } from '../channels/channel-account.entity';
import { ChannelsService } from '../channels/channels.service';
import { WechatEndpoints } from '../wechat-endpoints';
import { WechatApiError } from '../wechat-http';

export interface OaUser {
  subscribed: boolean;
  openid: string;
  unionid?: string;
  subscribeScene?: string;
  qrScene?: string;
  subscribedAt?: Date;
}

const TRANSIENT_RETRIES = 2;

/**
 * Official Account API calls through co-wechat-api. Its token hooks keep the access token in the
 * database, so every process shares one token; the library refreshes on 40001/42001 and retries.
 * Transient failures (network, 5xx, -1 busy) retry here with backoff; anything else surfaces as a
 * typed WechatApiError (43004 not following, 45009 quota, …) for the caller to act on.
 */
@Injectable()
export class OaApiService {
  private readonly logger = new Logger('OaApi');
  private readonly clients = new Map<string, { api: WechatAPI; secret: string }>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly channels: ChannelsService,
    private readonly endpoints: WechatEndpoints,
  ) {}

  async getUser(appId: string, openid: string): Promise<OaUser> {
    return toOaUser(await this.call(appId, 'user/info', (api) => api.getUser({ openid, lang: 'zh_CN' })), openid);
  }

  /** One page of the account's followers (user/get: up to 10,000 openids, then next_openid). */
  async followers(appId: string, nextOpenid = ''): Promise<{ total: number; openids: string[]; nextOpenid: string }> {
    const raw = await this.call(appId, 'user/get', (api) => api.getFollowers(nextOpenid));
    return { total: Number(raw.total ?? 0), openids: raw.data?.openid ?? [], nextOpenid: raw.next_openid ?? '' };
  }

  /** Profiles of up to 100 followers at once (user/info/batchget). */
  async users(appId: string, openids: string[]): Promise<OaUser[]> {
    const raw = await this.call(appId, 'user/info/batchget', (api) => api.batchGetUsers(openids));
    return (raw.user_info_list ?? []).map((u) => toOaUser(u));
  }

  /** The account's user tags (tags/get). */
  async listTags(appId: string): Promise<{ id: number; name: string; count: number }[]> {
    return (await this.call(appId, 'tags/get', (api) => api.getTags())).tags ?? [];
  }

  async createTag(appId: string, name: string): Promise<{ id: number; name: string }> {
    return (await this.call(appId, 'tags/create', (api) => api.createTags(name))).tag;
  }

  /** Tags or untags followers, 50 per call as WeChat allows. */
  async tagFollowers(appId: string, tagId: number, openids: string[], add: boolean): Promise<void> {
    for (let i = 0; i < openids.length; i += 50) {
      const chunk = openids.slice(i, i + 50);
      await this.call(appId, add ? 'tags/members/batchtagging' : 'tags/members/batchuntagging', (api) => (add ? api.batchTagging(chunk, tagId) : api.batchUnTagging(chunk, tagId)));
    }
  }

  /** Every follower carrying the tag (user/tag/get, paged). */
  async followersWithTag(appId: string, tagId: number): Promise<string[]> {
    const out: string[] = [];
    for (let next = ''; ; ) {
      const page = await this.call(appId, 'user/tag/get', (api) => api.getUsersFromTag(tagId, next));
      const ids = page.data?.openid ?? [];
      if (!ids.length) return out;
      out.push(...ids);
      next = page.next_openid ?? '';
      if (!next) return out;
    }
  }

  async sendText(appId: string, openid: string, text: string): Promise<void> {
    await this.call(appId, 'message/custom/send', (api) => api.sendText(openid, text));
  }

  async sendTemplate(appId: string, openid: string, templateId: string, data: Record<string, { value: string }>, url?: string): Promise<string> {
    const res = await this.call(appId, 'message/template/send', (api) => api.sendTemplate(openid, templateId, url, undefined, data));
    return String(res.msgid);
  }

  private async call<T>(appId: string, name: string, fn: (api: WechatAPI) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(await this.client(appId));
      } catch (e) {
        const err = toApiError(e, name);
        if (err.kind === 'transient' && attempt < TRANSIENT_RETRIES) {
          await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
          continue;
        }
        if (err.kind !== 'transient') this.logger.warn(`OA ${appId} ${name}: ${err.errcode} ${err.errmsg}`);
        throw err;
      }
    }
  }

  /** One client per account, rebuilt when its secret changes; prefixes follow the sandbox/live endpoints. */
  private async client(appId: string): Promise<WechatAPI> {
    const s = await this.channels.findByExternalId('oa', appId);
    if (!s?.secret) throw new WechatApiError(40013, `no OA account ${appId} with a secret`, 'token');
    const cached = this.clients.get(appId);
    if (cached && cached.secret === s.secret) return cached.api;
    const accountId = s.account.id;
    const repo = this.ds.getRepository(ChannelAccessTokenEntity);
    const api = new WechatAPI(
      appId,
      s.secret,
      async () => {
        const row = await repo.findOne({ where: { accountId, kind: 'access' } });
        return row ? { accessToken: row.token, expireTime: new Date(row.expiresAt).getTime() } : null;
      },
      async (token) => {
        if (!token) await repo.delete({ accountId, kind: 'access' });
        else await repo.upsert({ accountId, kind: 'access', token: token.accessToken, expiresAt: new Date(token.expireTime) }, ['accountId', 'kind']);
      },
    );
    const base = this.endpoints.mp;
    api.prefix = `${base}/cgi-bin/`;
    api.snsPrefix = `${base}/sns/`;
    api.wxaPrefix = `${base}/wxa/`;
    api.customservicePrefix = `${base}/customservice/`;
    api.setOpts({ timeout: 5000 });
    this.clients.set(appId, { api, secret: s.secret });
    return api;
  }
}

function toOaUser(raw: Record<string, unknown>, openid?: string): OaUser {
  return {
    subscribed: Number(raw.subscribe) === 1,
    openid: typeof raw.openid === 'string' ? raw.openid : (openid ?? ''),
    unionid: typeof raw.unionid === 'string' ? raw.unionid : undefined,
    subscribeScene: typeof raw.subscribe_scene === 'string' ? raw.subscribe_scene : undefined,
    qrScene: typeof raw.qr_scene_str === 'string' && raw.qr_scene_str ? raw.qr_scene_str : undefined,
    subscribedAt: typeof raw.subscribe_time === 'number' ? new Date(raw.subscribe_time * 1000) : undefined,
  };
}

/** co-wechat-api throws Error{name:'WeChatAPIError', code}; network failures are plain errors. */
function toApiError(e: unknown, api: string): WechatApiError {
  if (e instanceof WechatApiError) return e;
  const err = e as { name?: string; code?: unknown; message?: string };
  if (err?.name === 'WeChatAPIError' && typeof err.code === 'number') return new WechatApiError(err.code, err.message ?? '', api);
  const status = /status code: (\d{3})/.exec(err?.message ?? '');
  if (status) return new WechatApiError(-1, `HTTP ${status[1]}`, api, Number(status[1]));
  return new WechatApiError(-1, `network: ${err?.message ?? String(e)}`, api);
}
