import { Injectable, OnModuleInit } from '@nestjs/common';
import { MemberMergeService } from '../members/member-merge.service';
import { EventsService } from './events.service';

/**
 * The event store's part in member merges: the absorbed member's timeline joins the kept one, and
 * the merge (and any undo) shows on the timeline itself.
 */
@Injectable()
export class EventMergeParticipant implements OnModuleInit {
  constructor(
    private readonly merges: MemberMergeService,
    private readonly events: EventsService,
  ) {}

  onModuleInit() {
    this.merges.registerParticipant({
      name: 'events',
      move: async ({ mergeId, from, to, reason }, m) => {
        const moved = await this.events.moveMember(from, to, m);
        await this.events.record(
          { type: 'member.merged', source: 'system', dedupeKey: `member.merged:${mergeId}`, occurredAt: new Date(), memberId: to, properties: { mergeId, mergedMemberId: from, reason } },
          m,
        );
        return moved;
      },
      restore: async ({ mergeId, from, to, record }, m) => {
        await this.events.restoreMember(from, to, (record as { ranges: [number, number][] }).ranges, m);
        await this.events.record(
          { type: 'member.merge_undone', source: 'system', dedupeKey: `member.merge_undone:${mergeId}`, occurredAt: new Date(), memberId: to, properties: { mergeId, restoredMemberId: from } },
          m,
        );
      },
    });
  }
}
