import { Logger } from '@nestjs/common';
import WechatAPI from 'co-wechat-api';
import { DataSource } from 'typeorm';
import { ChannelAccessTokenEntity } from './channels/channel-account.entity';
import { WechatEndpoints } from './wechat-endpoints';
import { WechatApiError } from './wechat-http';

/** An app co-wechat-api can call: its secret, and the channel_access_token row its token lives in. */
export interface CoWechatAccount {
  appId: string;
  secret: string;
  /** channel_access_token.account_id: the channel account's id (0 for the mini-program set in the environment) */
  tokenSlot: number;
}

export interface CoWechatClientsOptions {
  ds: DataSource;
  endpoints: WechatEndpoints;
  logger: Logger;
  /** e.g. "OA", "mini-program": names the app in logs and errors */
  label: string;
  /** The app's credentials, or null when there is no such account. */
  account(appId: string): Promise<CoWechatAccount | null>;
}

const TRANSIENT_RETRIES = 2;

/**
 * co-wechat-api clients for OA and mini-program accounts. Its token hooks keep the access token in
 * the database, so every process shares one token; the library refreshes on 40001/42001 and retries.
 * Transient failures (network, 5xx, -1 busy) retry here with backoff; anything else surfaces as a
 * typed WechatApiError for the caller to act on. Prefixes follow the sandbox/live endpoints.
 */
export class CoWechatClients {
  private readonly clients = new Map<string, { api: WechatAPI; secret: string; base: string }>();

  constructor(private readonly opts: CoWechatClientsOptions) {}

  async call<T>(appId: string, name: string, fn: (api: WechatAPI) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(await this.client(appId));
      } catch (e) {
        const err = toApiError(e, name);
        if (err.kind === 'transient' && attempt < TRANSIENT_RETRIES) {
          await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
          continue;
        }
        if (err.kind !== 'transient') this.opts.logger.warn(`${this.opts.label} ${appId} ${name}: ${err.errcode} ${err.errmsg}`);
        throw err;
      }
    }
  }

  /** One client per app, rebuilt when its secret (or where WeChat is) changes. */
  private async client(appId: string): Promise<WechatAPI> {
    const account = await this.opts.account(appId);
    if (!account?.secret) throw new WechatApiError(40013, `no ${this.opts.label} account ${appId} with a secret`, 'token');
    const base = this.opts.endpoints.mp;
    const cached = this.clients.get(appId);
    if (cached && cached.secret === account.secret && cached.base === base) return cached.api;
    const accountId = account.tokenSlot;
    const repo = this.opts.ds.getRepository(ChannelAccessTokenEntity);
    const api = new WechatAPI(
      appId,
      account.secret,
      async () => {
        const row = await repo.findOne({ where: { accountId, kind: 'access' } });
        return row ? { accessToken: row.token, expireTime: new Date(row.expiresAt).getTime() } : null;
      },
      async (token) => {
        if (!token) await repo.delete({ accountId, kind: 'access' });
        else await repo.upsert({ accountId, kind: 'access', token: token.accessToken, expiresAt: new Date(token.expireTime) }, ['accountId', 'kind']);
      },
    );
    api.prefix = `${base}/cgi-bin/`;
    api.snsPrefix = `${base}/sns/`;
    api.wxaPrefix = `${base}/wxa/`;
    api.customservicePrefix = `${base}/customservice/`;
    api.setOpts({ timeout: 5000 });
    this.clients.set(appId, { api, secret: account.secret, base });
    return api;
  }
}

/**
 * POSTs JSON to an API co-wechat-api has no method for (or whose method drops fields), with the
 * library's own token handling: `url` is a full prefix-based URL without the access_token.
 */
export async function postWithToken<T>(api: WechatAPI, url: string, body: unknown): Promise<T> {
  const { accessToken } = await api.ensureAccessToken();
  const sep = url.includes('?') ? '&' : '?';
  return (await api.request(`${url}${sep}access_token=${encodeURIComponent(accessToken)}`, {
    method: 'POST',
    dataType: 'json',
    data: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  })) as T;
}

/** co-wechat-api throws Error{name:'WeChatAPIError', code}; network failures are plain errors. */
export function toApiError(e: unknown, api: string): WechatApiError {
  if (e instanceof WechatApiError) return e;
  const err = e as { name?: string; code?: unknown; message?: string };
  if (err?.name === 'WeChatAPIError' && typeof err.code === 'number') return new WechatApiError(err.code, err.message ?? '', api);
  const status = /status code: (\d{3})/.exec(err?.message ?? '');
  if (status) return new WechatApiError(-1, `HTTP ${status[1]}`, api, Number(status[1]));
  return new WechatApiError(-1, `network: ${err?.message ?? String(e)}`, api);
}
