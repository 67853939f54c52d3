import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventIngestService } from '../../events/event-ingest.service';
import { EventResolutionService } from '../../events/event-resolution.service';
import { EventsService } from '../../events/events.service';
import { AttributesService } from '../../members/attributes.service';
import { MemberMergeService } from '../../members/member-merge.service';
import { MemberChange, MembersService } from '../../members/members.service';
import { TagsService } from '../../tags/tags.service';
import { WecomContactsService } from '../../wechat/wecom/wecom-contacts.service';
import { MemberStatsService } from '../layers/member-stats.service';
import { ANY_READ } from './membership-diff';
import { MembershipWriter } from './membership-writer';
import { SegmentMembershipService } from './segment-membership.service';

/** What a member change means for segment rules (the `reads` they compile to). */
export function readsOfMemberChange(c: MemberChange): string[] {
  if (c.created) return [ANY_READ];
  return [...(c.fields ?? []).map((f) => `field:${f}`), ...(c.identities ? ['identity'] : [])];
}

/**
 * Tells segment membership about every change a rule can read, from the modules that make them:
 * events reaching a member, tags, profile fields and custom attributes, identities and consent,
 * WeCom relations, payment figures, and merges. Listeners only collect; evaluation runs in a job.
 */
@Injectable()
export class MembershipListeners implements OnModuleInit {
  constructor(
    private readonly membership: SegmentMembershipService,
    private readonly writer: MembershipWriter,
    private readonly resolution: EventResolutionService,
    private readonly events: EventsService,
    private readonly ingest: EventIngestService,
    private readonly tags: TagsService,
    private readonly members: MembersService,
    private readonly attributes: AttributesService,
    private readonly merges: MemberMergeService,
    private readonly wecomContacts: WecomContactsService,
    private readonly stats: MemberStatsService,
  ) {}

  onModuleInit() {
    const changed = (ids: number[], reads: string[]) => this.membership.changed(ids, reads);
    // a callback's event once its member is known (resolution also moves last seen)
    this.resolution.onResolved(async (event, memberId) => changed([memberId], [`event:${event.type}`, 'field:lastSeenAt']));
    // events stored already on a member: custom events, page views, logins, merges, segment changes
    this.events.onRecorded((list) => {
      for (const e of list) changed([e.memberId], [`event:${e.type}`]);
    });
    this.ingest.onStored(async (e) => {
      if (e.memberId) changed([e.memberId], [`event:${e.type}`]);
    });
    this.tags.onChange((c) => changed(c.memberIds, c.tagIds.map((id) => `tag:${id}`)));
    this.members.onChange((c) => changed(c.memberIds, readsOfMemberChange(c)));
    this.attributes.onChange((ids, keys) => changed(ids, keys.map((k) => `field:attributes.${k}`)));
    this.wecomContacts.onChange((ids) => changed(ids, ['wecom_follow']));
    this.stats.onChange(async (ids) => changed(ids, ['stats']));
    // The absorbed member leaves its segments; the kept one (and on undo both) is re-evaluated on everything.
    this.merges.registerParticipant({
      name: 'segment_membership',
      move: async ({ from, to }, m) => {
        const left = await this.writer.leaveAll(from, new Date(), m);
        await this.membership.queueInTransaction([to], m);
        return { left };
      },
      restore: async ({ from, to }, m) => {
        await this.membership.queueInTransaction([from, to], m);
      },
    });
  }
}
