import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventIngestService } from '../../events/event-ingest.service';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { NotFoundError } from '../../platform/errors/app-error';
import { guardCallback } from '../callback-guard';
import { ChannelsService } from '../channels/channels.service';
import { MiniappCallback } from '../crypto';
import { normalizeMiniappPush } from './miniapp-push-event';

/** Mini-program message push (XML or JSON, plain or encrypted): verify, store events, queue, answer. */
@Injectable()
export class MiniappCallbackService {
  private readonly logger = new Logger('MiniappCallback');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly ingest: EventIngestService,
  ) {}

  async verifyUrl(appId: string, query: Record<string, unknown>): Promise<string> {
    const { cb } = await this.callbackFor(appId);
    return guardCallback(this.logger, `mini-program ${appId} URL check`, () => cb.verifyGet(query, this.policy()));
  }

  async receive(appId: string, query: Record<string, unknown>, body: unknown): Promise<string> {
    const { cb, accountId } = await this.callbackFor(appId);
    const msg = guardCallback(this.logger, `mini-program ${appId} push`, () => cb.parsePost(query, body, this.policy()));
    for (const normalized of normalizeMiniappPush(appId, msg.fields)) {
      await this.ingest.ingest({ ...normalized, accountId, raw: msg.raw });
    }
    return 'success';
  }

  private async callbackFor(appId: string) {
    const s = await this.channels.findByExternalId('miniapp', appId);
    if (!s || !s.token) throw new NotFoundError('mini-program account', appId);
    return { cb: new MiniappCallback({ appId, token: s.token, encodingAesKey: s.encodingAesKey ?? undefined }), accountId: s.account.id };
  }

  private policy() {
    return { maxSkewSeconds: this.config.wechat.callbackMaxSkewSeconds };
  }
}
