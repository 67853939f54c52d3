import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { IdentityType } from '../members/member-identity.entity';
import { MemberEntity } from '../members/member.entity';
import { MemberMergeService } from '../members/member-merge.service';
import { MembersService } from '../members/members.service';
import { JOB_QUEUE, JobQueue } from '../platform/queue/job-queue';
import { EventEntity } from './event.entity';
import { EventsService } from './events.service';

export const RESOLVE_EVENT_JOB = 'events.resolve';

const SOURCE_CHANNEL: Record<string, MemberEntity['sourceChannel']> = { oa: 'oa', wecom: 'wecom', miniapp: 'miniapp' };

/** What an event says about consent (which the member gave on that channel). */
const CONSENT_EFFECT: Record<string, Partial<Record<'oa' | 'miniapp' | 'wecom', boolean>>> = {
  'oa.subscribe': { oa: true },
  'oa.unsubscribe': { oa: false },
  'wecom.contact_added': { wecom: true },
  'wecom.staff_removed_by_contact': { wecom: false },
};

/** Events that are not the member doing something (they do not count as "last seen"). */
const PASSIVE = new Set(['oa.template_result']);

/**
 * Told about every event once its member is known. Runs after the event is linked to the member but
 * before it is marked resolved, so a listener that throws makes the resolution job retry: listeners
 * must be idempotent.
 */
export type ResolvedEventListener = (event: EventEntity, memberId: number) => Promise<void>;

/** Looks up more about a subject from its channel (e.g. the OA unionid via user/info). */
export type SubjectEnricher = (subject: { type: string; appId: string; value: string }) => Promise<{ unionid?: string } | null>;

/**
 * Runs after a callback has been acknowledged: finds or creates the member behind the event's
 * subject, applies what the event implies (consent, last seen) and links the event to the member.
 */
@Injectable()
export class EventResolutionService implements OnModuleInit {
  private readonly logger = new Logger('EventResolution');
  private readonly enrichers = new Map<string, SubjectEnricher>();
  private readonly listeners: ResolvedEventListener[] = [];

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly events: EventsService,
    private readonly members: MembersService,
    private readonly merges: MemberMergeService,
  ) {}

  onModuleInit() {
    this.queue.register<{ eventId: string }>(RESOLVE_EVENT_JOB, (ctx) => this.resolve(ctx.data.eventId), { concurrency: 4, attempts: 5, backoffMs: 1000 });
  }

  /** Channel modules register how to learn more about their identities (kept out of this module). */
  registerEnricher(identityType: string, enricher: SubjectEnricher): void {
    this.enrichers.set(identityType, enricher);
  }

  /** Modules that keep state derived from events (e.g. who serves a WeCom customer) listen here. */
  onResolved(listener: ResolvedEventListener): void {
    this.listeners.push(listener);
  }

  /** Queues resolution; the job id makes a repeated enqueue (WeChat retry) harmless. */
  async enqueue(event: EventEntity): Promise<void> {
    await this.queue.enqueue(RESOLVE_EVENT_JOB, { eventId: String(event.id) }, { jobId: `event-${event.id}` });
  }

  /** Queues resolution of several stored events at once (the callbacks' batches). */
  async enqueueMany(events: EventEntity[]): Promise<void> {
    await this.queue.enqueueMany(RESOLVE_EVENT_JOB, events.map((e) => ({ data: { eventId: String(e.id) }, options: { jobId: `event-${e.id}` } })));
  }

  async resolve(eventId: string): Promise<void> {
    const event = await this.events.get(eventId);
    if (!event || event.status === 'resolved' || !event.subject) return;
    const { type, appId, value } = event.subject;
    const extra = await this.enrich(event.subject);
    const { member, created } = await this.members.resolveIdentity(
      { type: type as IdentityType, appId, value },
      { source: SOURCE_CHANNEL[event.source] ?? 'api', consent: CONSENT_EFFECT[event.type], unionid: extra?.unionid },
    );
    const occurredAt = new Date(event.occurredAt);
    const consent = CONSENT_EFFECT[event.type];
    if (consent) await this.members.setIdentityConsent({ type: type as IdentityType, appId, value }, Object.values(consent)[0]!, occurredAt);
    await this.members.seen(member.id, PASSIVE.has(event.type) ? new Date(0) : occurredAt);
    // linked first, so listeners that read the member's events (e.g. order figures) include this one
    await this.events.link(eventId, member.id);
    // A merge that committed while this ran has moved the member's other events already: follow it.
    // (One committing after the link moves this event with the rest.)
    const memberId = await this.survivorOf(member.id);
    if (memberId !== member.id) await this.events.link(eventId, memberId);
    for (const listener of this.listeners) await listener(event, memberId);
    await this.events.resolve(eventId, memberId);
    // A unionid another member already holds makes the two one person: merged (the event moves along).
    if (extra?.unionid && !created) await this.members.claimUnionid(memberId, extra.unionid);
    this.logger.debug(`event ${eventId} (${event.type}) → member ${memberId}${created ? ' (new)' : ''}`);
  }

  /** The member a record was merged into (through later merges too), or the record itself. */
  private async survivorOf(memberId: number): Promise<number> {
    let id = memberId;
    for (let hop = 0; hop < 10; hop++) {
      const merge = await this.merges.absorbedBy(id);
      if (!merge) return id;
      id = merge.keptMemberId;
    }
    return id;
  }

  /** A failed lookup never blocks resolution: the member is resolved on the openid alone. */
  private async enrich(subject: { type: string; appId: string; value: string }) {
    const enricher = this.enrichers.get(subject.type);
    if (!enricher) return null;
    try {
      return await enricher(subject);
    } catch (e) {
      this.logger.warn(`could not enrich ${subject.type} ${subject.value}: ${(e as Error).message}`);
      return null;
    }
  }
}
