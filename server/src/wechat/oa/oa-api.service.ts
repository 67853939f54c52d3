import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelsService } from '../channels/channels.service';
import { WechatEndpoints } from '../wechat-endpoints';
import { CoWechatClients } from '../co-wechat-clients';

export interface OaUser {
  subscribed: boolean;
  openid: string;
  unionid?: string;
  subscribeScene?: string;
  qrScene?: string;
  subscribedAt?: Date;
}

/**
 * Official Account API calls through co-wechat-api (clients, token hooks and retries shared with the
 * mini-program in CoWechatClients): typed WechatApiError for the caller to act on (43004 not
 * following, 45009 quota, …).
 */
@Injectable()
export class OaApiService {
  private readonly clients: CoWechatClients;

  constructor(@InjectDataSource() ds: DataSource, channels: ChannelsService, endpoints: WechatEndpoints) {
    this.clients = new CoWechatClients({
      ds,
      endpoints,
      logger: new Logger('OaApi'),
      label: 'OA',
      account: async (appId) => {
        const s = await channels.findByExternalId('oa', appId);
        return s?.secret ? { appId, secret: s.secret, tokenSlot: s.account.id } : null;
      },
    });
  }

  async getUser(appId: string, openid: string): Promise<OaUser> {
    return toOaUser(await this.clients.call(appId, 'user/info', (api) => api.getUser({ openid, lang: 'zh_CN' })), openid);
  }

  /** One page of the account's followers (user/get: up to 10,000 openids, then next_openid). */
  async followers(appId: string, nextOpenid = ''): Promise<{ total: number; openids: string[]; nextOpenid: string }> {
    const raw = await this.clients.call(appId, 'user/get', (api) => api.getFollowers(nextOpenid));
    return { total: Number(raw.total ?? 0), openids: raw.data?.openid ?? [], nextOpenid: raw.next_openid ?? '' };
  }

  /** Profiles of up to 100 followers at once (user/info/batchget). */
  async users(appId: string, openids: string[]): Promise<OaUser[]> {
    const raw = await this.clients.call(appId, 'user/info/batchget', (api) => api.batchGetUsers(openids));
    return (raw.user_info_list ?? []).map((u) => toOaUser(u));
  }

  /** The account's user tags (tags/get). */
  async listTags(appId: string): Promise<{ id: number; name: string; count: number }[]> {
    return (await this.clients.call(appId, 'tags/get', (api) => api.getTags())).tags ?? [];
  }

  async createTag(appId: string, name: string): Promise<{ id: number; name: string }> {
    return (await this.clients.call(appId, 'tags/create', (api) => api.createTags(name))).tag;
  }

  /** Tags or untags followers, 50 per call as WeChat allows. */
  async tagFollowers(appId: string, tagId: number, openids: string[], add: boolean): Promise<void> {
    for (let i = 0; i < openids.length; i += 50) {
      const chunk = openids.slice(i, i + 50);
      await this.clients.call(appId, add ? 'tags/members/batchtagging' : 'tags/members/batchuntagging', (api) => (add ? api.batchTagging(chunk, tagId) : api.batchUnTagging(chunk, tagId)));
    }
  }

  /** Every follower carrying the tag (user/tag/get, paged). */
  async followersWithTag(appId: string, tagId: number): Promise<string[]> {
    const out: string[] = [];
    for (let next = ''; ; ) {
      const page = await this.clients.call(appId, 'user/tag/get', (api) => api.getUsersFromTag(tagId, next));
      const ids = page.data?.openid ?? [];
      if (!ids.length) return out;
      out.push(...ids);
      next = page.next_openid ?? '';
      if (!next) return out;
    }
  }

  async sendText(appId: string, openid: string, text: string): Promise<void> {
    await this.clients.call(appId, 'message/custom/send', (api) => api.sendText(openid, text));
  }

  async sendTemplate(appId: string, openid: string, templateId: string, data: Record<string, { value: string }>, url?: string): Promise<string> {
    const res = await this.clients.call(appId, 'message/template/send', (api) => api.sendTemplate(openid, templateId, url, undefined, data));
    return String(res.msgid);
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
