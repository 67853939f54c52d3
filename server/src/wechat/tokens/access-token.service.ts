import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelAccessTokenEntity } from '../channels/channel-account.entity';
import { WechatApiError, wechatGet } from '../wechat-http';

export interface TokenCredentials {
  accountId: number;
  type: 'oa' | 'miniapp' | 'wecom';
  externalId: string;
  secret: string;
}

/** Refresh this long before WeChat's stated expiry, so a token is never used in its last minutes. */
const SAFETY_MS = 5 * 60_000;

/**
 * Access tokens for OA, mini-program and WeCom accounts, shared by every process through the
 * database (WeChat caps token fetches per day and a new token invalidates the old one after 5 min).
 * One fetch at a time per account in this process.
 */
@Injectable()
export class AccessTokenService {
  private readonly logger = new Logger('AccessTokens');
  private readonly inflight = new Map<number, Promise<{ token: string; expiresAt: Date }>>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async get(creds: TokenCredentials, baseUrl: string): Promise<string> {
    const row = await this.ds.getRepository(ChannelAccessTokenEntity).findOne({ where: { accountId: creds.accountId, kind: 'access' } });
    if (row && new Date(row.expiresAt).getTime() - SAFETY_MS > Date.now()) return row.token;
    return (await this.refresh(creds, baseUrl)).token;
  }

  /** Fetches a new token (after 40001/42001, or when the stored one is near expiry). */
  refresh(creds: TokenCredentials, baseUrl: string): Promise<{ token: string; expiresAt: Date }> {
    const running = this.inflight.get(creds.accountId);
    if (running) return running;
    const p = this.fetch(creds, baseUrl).finally(() => this.inflight.delete(creds.accountId));
    this.inflight.set(creds.accountId, p);
    return p;
  }

  async invalidate(accountId: number): Promise<void> {
    await this.ds.getRepository(ChannelAccessTokenEntity).delete({ accountId });
  }

  private async fetch(creds: TokenCredentials, baseUrl: string) {
    const body =
      creds.type === 'wecom'
        ? await wechatGet<{ access_token: string; expires_in: number }>(`${baseUrl}/cgi-bin/gettoken`, { corpid: creds.externalId, corpsecret: creds.secret })
        : await wechatGet<{ access_token: string; expires_in: number }>(`${baseUrl}/cgi-bin/token`, { grant_type: 'client_credential', appid: creds.externalId, secret: creds.secret });
    if (!body.access_token) throw new WechatApiError(-1, 'no access_token in the answer', 'token');
    const expiresAt = new Date(Date.now() + (body.expires_in ?? 7200) * 1000);
    await this.ds.getRepository(ChannelAccessTokenEntity).upsert({ accountId: creds.accountId, kind: 'access', token: body.access_token, expiresAt }, ['accountId', 'kind']);
    this.logger.log(`fetched a new ${creds.type} access token for account ${creds.accountId}`);
    return { token: body.access_token, expiresAt };
  }
}
