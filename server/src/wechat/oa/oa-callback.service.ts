import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventResolutionService } from '../../events/event-resolution.service';
import { EventsService } from '../../events/events.service';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { AppError, NotFoundError } from '../../platform/errors/app-error';
import { ChannelsService } from '../channels/channels.service';
import { OaCallback, WechatCryptoError } from '../crypto';
import { normalizeOaPush } from './oa-event';

const STATUS_OF: Record<WechatCryptoError['reason'], number> = {
  bad_signature: 401,
  stale_timestamp: 401,
  wrong_receiver: 401,
  bad_tag: 401,
  unknown_serial: 401,
  bad_padding: 400,
  malformed: 400,
  bad_key: 400,
  too_large: 413,
};

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
    private readonly events: EventsService,
    private readonly resolution: EventResolutionService,
  ) {}

  async verifyUrl(appId: string, query: Record<string, unknown>): Promise<string> {
    const cb = await this.callbackFor(appId);
    return this.guard(appId, () => cb.verifyGet(query, this.policy()));
  }

  async receive(appId: string, query: Record<string, unknown>, body: unknown): Promise<string> {
    const cb = await this.callbackFor(appId);
    const msg = this.guard(appId, () => cb.parsePost(query, body, this.policy()));
    const account = (await this.channels.findByExternalId('oa', appId))!.account;
    const normalized = normalizeOaPush(appId, msg.fields);
    if (!normalized) return 'success';
    const { event, duplicate } = await this.events.record({ ...normalized, accountId: account.id, raw: msg.xml });
    if (!duplicate) await this.resolution.enqueue(event);
    return 'success';
  }

  private async callbackFor(appId: string): Promise<OaCallback> {
    const s = await this.channels.findByExternalId('oa', appId);
    if (!s || !s.token) throw new NotFoundError('OA account', appId);
    return new OaCallback({ appId, token: s.token, encodingAesKey: s.encodingAesKey ?? undefined });
  }

  private policy() {
    return { maxSkewSeconds: this.config.wechat.callbackMaxSkewSeconds };
  }

  /** Crypto and parsing failures are the caller's fault: a 4xx with the reason, and a log line. */
  private guard<T>(appId: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof WechatCryptoError) {
        this.logger.warn(`OA ${appId} callback refused: ${e.reason} (${e.message})`);
        throw new AppError(STATUS_OF[e.reason] ?? 400, e.reason, `callback refused: ${e.reason.replace(/_/g, ' ')}`);
      }
      throw e;
    }
  }
}
