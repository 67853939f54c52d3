import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventEntity } from '../../events/event.entity';
import { EventIngestService } from '../../events/event-ingest.service';
import { EventResolutionService } from '../../events/event-resolution.service';
import { WecomApiService } from '../../wechat/wecom/wecom-api.service';
import { TagSyncService } from './tag-sync.service';
import { WecomTagChannel, corpTagIds } from './wecom-tag-channel';

/** Contact events after which a customer's corp tags may differ from ours. */
const TAG_BEARING = new Set(['wecom.contact_edited', 'wecom.contact_added']);

/**
 * WeCom pushes edit_external_contact when a staff member changes a customer's tags in the client:
 * the customer's corp tags are read back and our linked tags follow (marked as coming from WeCom,
 * so they are not pushed back there).
 */
@Injectable()
export class WecomTagListener implements OnModuleInit {
  constructor(
    private readonly resolution: EventResolutionService,
    private readonly sync: TagSyncService,
    private readonly api: WecomApiService,
    private readonly ingest: EventIngestService,
    channel: WecomTagChannel,
  ) {
    this.sync.registerChannel(channel);
  }

  onModuleInit() {
    this.resolution.onResolved((event, memberId) => this.onEvent(event, memberId));
    this.ingest.onStored((event) => this.onTagChanged(event));
  }

  /** change_external_tag: a corp tag renamed or deleted in WeCom's admin. */
  private async onTagChanged(event: EventEntity): Promise<void> {
    const p = event.properties ?? {};
    if (event.type !== 'wecom.tag_changed' || !event.accountId || p.tagType !== 'tag' || typeof p.tagId !== 'string') return;
    if (p.changeType !== 'delete' && p.changeType !== 'update') return;
    if (!(await this.sync.linksOfAccount(event.accountId)).some((l) => l.externalTagId === p.tagId)) return;
    await this.sync.externalTagChanged(event.accountId, p.tagId, p.changeType);
  }

  private async onEvent(event: EventEntity, memberId: number): Promise<void> {
    if (!TAG_BEARING.has(event.type) || !event.accountId || !event.subject) return;
    if (!(await this.sync.linksOfAccount(event.accountId)).length) return;
    const detail = await this.api.getExternalContact(event.subject.appId, event.subject.value);
    const staff = typeof event.properties?.staffUserId === 'string' ? event.properties.staffUserId : 'staff';
    await this.sync.applyFromWechat(event.accountId, memberId, corpTagIds(detail), `wecom:${staff}`);
  }
}
