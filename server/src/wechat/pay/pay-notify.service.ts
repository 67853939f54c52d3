import { Injectable, Logger } from '@nestjs/common';
import { EventIngestService } from '../../events/event-ingest.service';
import { NotFoundError } from '../../platform/errors/app-error';
import { guardCallback } from '../callback-guard';
import { ChannelsService } from '../channels/channels.service';
import { HeaderBag, PayResource, WechatCryptoError, bodyText, decryptPayResourceJson, parseJsonObject, verifyPayNotify } from '../crypto';
import { normalizePayNotify } from './pay-event';

/**
 * WeChat Pay v3 notifies: check the platform signature over the raw body, decrypt the resource
 * (AES-256-GCM with the tag checked), store the event once per transaction, queue, answer 204.
 */
@Injectable()
export class PayNotifyService {
  private readonly logger = new Logger('PayNotify');

  constructor(
    private readonly channels: ChannelsService,
    private readonly ingest: EventIngestService,
  ) {}

  async receive(mchId: string, headers: HeaderBag, body: unknown): Promise<void> {
    const s = await this.channels.findByExternalId('pay', mchId);
    if (!s?.apiV3Key || !s.account.platformPublicKey || !s.account.platformSerialNo) throw new NotFoundError('WeChat Pay merchant', mchId);
    const platformKeys = { [s.account.platformSerialNo]: s.account.platformPublicKey };
    const { notify, resource, raw } = guardCallback(this.logger, `Pay ${mchId} notify`, () => {
      const text = bodyText(body);
      verifyPayNotify({ headers, body: text, platformKeys, maxSkewSeconds: 300 });
      const n = parseJsonObject(text) as { id?: unknown; event_type?: unknown; resource?: PayResource };
      if (typeof n.event_type !== 'string' || !n.resource || typeof n.resource !== 'object') throw new WechatCryptoError('malformed', 'notify without event_type or resource');
      const plain = decryptPayResourceJson(s.apiV3Key!, n.resource);
      return { notify: n, resource: plain, raw: JSON.stringify({ id: n.id, event_type: n.event_type, resource: plain }) };
    });
    const normalized = normalizePayNotify(mchId, notify.event_type as string, resource);
    if (!normalized) return;
    await this.ingest.ingest({ ...normalized, accountId: s.account.id, raw });
  }
}
