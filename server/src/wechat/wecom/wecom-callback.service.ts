import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventIngestService } from '../../events/event-ingest.service';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { NotFoundError } from '../../platform/errors/app-error';
import { guardCallback } from '../callback-guard';
import { ChannelsService } from '../channels/channels.service';
import { WecomCallback } from '../crypto';
import { normalizeWecomPush } from './wecom-event';

/** WeCom push handling: verify, decrypt, store the events (deduped), queue member resolution, answer. */
@Injectable()
export class WecomCallbackService {
  private readonly logger = new Logger('WecomCallback');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly ingest: EventIngestService,
  ) {}

  async verifyUrl(corpId: string, query: Record<string, unknown>): Promise<string> {
    const { cb } = await this.callbackFor(corpId);
    return guardCallback(this.logger, `WeCom ${corpId} URL check`, () => cb.verifyGet(query, this.policy()));
  }

  async receive(corpId: string, query: Record<string, unknown>, body: unknown): Promise<string> {
    const { cb, accountId } = await this.callbackFor(corpId);
    const msg = guardCallback(this.logger, `WeCom ${corpId} push`, () => cb.parsePost(query, body, this.policy()));
    for (const normalized of normalizeWecomPush(corpId, msg.fields)) {
      await this.ingest.ingest({ ...normalized, accountId, raw: msg.xml });
    }
    return 'success';
  }

  private async callbackFor(corpId: string) {
    const s = await this.channels.findByExternalId('wecom', corpId);
    if (!s || !s.token || !s.encodingAesKey) throw new NotFoundError('WeCom account', corpId);
    return { cb: new WecomCallback({ corpId, token: s.token, encodingAesKey: s.encodingAesKey }), accountId: s.account.id };
  }

  private policy() {
    return { maxSkewSeconds: this.config.wechat.callbackMaxSkewSeconds };
  }
}
