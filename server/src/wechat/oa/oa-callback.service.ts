import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventIngestService } from '../../events/event-ingest.service';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { NotFoundError } from '../../platform/errors/app-error';
import { ChannelAccountEntity } from '../channels/channel-account.entity';
import { ChannelsService } from '../channels/channels.service';
import { guardCallback } from '../callback-guard';
import { OaCallback, OaInboundMessage, buildXml } from '../crypto';
import { OaAutoReplyService } from './oa-auto-reply.service';
import { normalizeOaPush } from './oa-event';

/**
 * OA push handling, fast enough for WeChat's 5 s: verify and decrypt, store the raw payload with the
 * normalized event (the dedupe key absorbs WeChat's retries), queue the slow work, answer.
 */
@Injectable()
export class OaCallbackService {
  private readonly logger = new Logger('OaCallback');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly ingest: EventIngestService,
    private readonly replies: OaAutoReplyService,
  ) {}

  async verifyUrl(appId: string, query: Record<string, unknown>): Promise<string> {
    const { cb } = await this.callbackFor(appId);
    return guardCallback(this.logger, `OA ${appId} URL check`, () => cb.verifyGet(query, this.policy()));
  }

  async receive(appId: string, query: Record<string, unknown>, body: unknown): Promise<string> {
    const { cb, account } = await this.callbackFor(appId);
    const msg = guardCallback(this.logger, `OA ${appId} push`, () => cb.parsePost(query, body, this.policy()));
    const normalized = normalizeOaPush(appId, msg.fields);
    if (normalized) await this.ingest.ingest({ ...normalized, accountId: account.id, raw: msg.xml });
    return this.replyTo(cb, msg, account.id);
  }

  /** The passive reply WeChat shows the user (encrypted when the push was), or "success" for none. */
  private async replyTo(cb: OaCallback, msg: OaInboundMessage, accountId: number): Promise<string> {
    const text = await this.replies.replyFor(accountId, msg.fields);
    if (!text || !msg.fields.FromUserName) return 'success';
    const xml = buildXml({ ToUserName: msg.fields.FromUserName, FromUserName: msg.fields.ToUserName ?? '', CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: text });
    return msg.encrypted ? cb.encryptReply(xml) : xml;
  }

  private async callbackFor(appId: string): Promise<{ cb: OaCallback; account: ChannelAccountEntity }> {
    const s = await this.channels.findByExternalId('oa', appId);
    if (!s || !s.token) throw new NotFoundError('OA account', appId);
    return { cb: new OaCallback({ appId, token: s.token, encodingAesKey: s.encodingAesKey ?? undefined }), account: s.account };
  }

  private policy() {
    return { maxSkewSeconds: this.config.wechat.callbackMaxSkewSeconds };
  }
}
