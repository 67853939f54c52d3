import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventResolutionService } from '../../events/event-resolution.service';
import { EventsService } from '../../events/events.service';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { NotFoundError } from '../../platform/errors/app-error';
import { ChannelsService } from '../channels/channels.service';
import { guardCallback } from '../callback-guard';
import { OaCallback } from '../crypto';
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
    private readonly events: EventsService,
    private readonly resolution: EventResolutionService,
  ) {}

  async verifyUrl(appId: string, query: Record<string, unknown>): Promise<string> {
    const cb = await this.callbackFor(appId);
    return guardCallback(this.logger, `OA ${appId} URL check`, () => cb.verifyGet(query, this.policy()));
  }

  async receive(appId: string, query: Record<string, unknown>, body: unknown): Promise<string> {
    const cb = await this.callbackFor(appId);
    const msg = guardCallback(this.logger, `OA ${appId} push`, () => cb.parsePost(query, body, this.policy()));
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
}
