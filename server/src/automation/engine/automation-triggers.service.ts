import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { EventEntity } from '../../events/event.entity';
import { EventIngestService } from '../../events/event-ingest.service';
import { EventResolutionService } from '../../events/event-resolution.service';
import { EventsService } from '../../events/events.service';
import { JOB_QUEUE, JobQueue } from '../../platform/queue/job-queue';
import { TagChange, TagsService } from '../../tags/tags.service';
import { FlowEntity, FlowVersionEntity } from '../flows/flow.entity';
import { FlowNode } from '../flows/flow-graph';
import { FlowsService } from '../flows/flows.service';
import { EnrollmentsService } from './enrollments.service';
import { TriggerSignal, eventTriggers, triggerFires } from './trigger-match';

export const TRIGGER_JOB = 'automation.trigger';
/** How long the active flows' triggers are trusted before they are read again (other processes publish too). */
const CACHE_MS = 5_000;
/** Members enrolled per insert when a tag change covers many of them. */
const ENTER_CHUNK = 1000;

interface ActiveTrigger {
  flowId: number;
  versionId: number;
  node: FlowNode;
}

/**
 * Event-driven enrollment: events, segment entries and exits, and tag changes enroll members into
 * the active flows whose published version starts with a matching trigger. Listeners only queue a
 * job; the job matches the triggers and enrolls (set-based; the unique active key keeps a member
 * from entering a version twice while still on their way through it).
 */
@Injectable()
export class AutomationTriggersService implements OnModuleInit {
  private readonly logger = new Logger('AutomationTriggers');
  private cache: { at: number; triggers: Promise<ActiveTrigger[]> } | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly enrollments: EnrollmentsService,
    events: EventsService,
    ingest: EventIngestService,
    resolution: EventResolutionService,
    tags: TagsService,
    flows: FlowsService,
  ) {
    flows.onLiveChange(() => this.invalidate());
    events.onRecorded((rows) => this.later(rows.map((r) => eventSignal(r))));
    // an event with a subject is told again once resolved; only the ones stored already linked are taken here
    ingest.onStored(async (e) => (e.memberId && !e.subject ? this.enqueue([eventSignal({ ...e, memberId: e.memberId })]) : undefined));
    resolution.onResolved((e, memberId) => this.enqueue([eventSignal({ ...e, memberId })]));
    tags.onChange((c: TagChange) => this.later([{ kind: 'tag', action: c.action, tagIds: c.tagIds, memberIds: c.memberIds }]));
  }

  onModuleInit() {
    this.queue.register<TriggerSignal>(TRIGGER_JOB, (ctx) => this.handle(ctx.data), { concurrency: 4, attempts: 3, backoffMs: 1000 });
  }

  /** Flows were published, paused, resumed or archived: read their triggers again on the next signal. */
  invalidate(): void {
    this.cache = null;
  }

  /** Enrolls the signal's members into every active flow whose trigger fires; says how many entered. */
  async handle(signal: TriggerSignal): Promise<{ enrolled: number }> {
    const fired = (await this.triggers()).filter((t) => triggerFires(t.node, signal));
    const memberIds = signal.kind === 'event' ? [signal.memberId] : [...new Set(signal.memberIds)];
    const detail: Record<string, unknown> =
      signal.kind === 'event' ? { eventId: signal.eventId, eventType: signal.type } : { tagIds: signal.tagIds, action: signal.action === 'add' ? 'tag added' : 'tag removed' };
    let enrolled = 0;
    for (const t of fired) {
      for (let i = 0; i < memberIds.length; i += ENTER_CHUNK) {
        enrolled += (await this.enrollments.enter(t.flowId, t.versionId, t.node.id, memberIds.slice(i, i + ENTER_CHUNK), detail)).length;
      }
    }
    return { enrolled };
  }

  private async enqueue(signals: TriggerSignal[]): Promise<void> {
    if (signals.length) await this.queue.enqueueMany(TRIGGER_JOB, signals.map((data) => ({ data })));
  }

  /** For listeners that cannot wait: a failure to queue is logged, not thrown into the writer. */
  private later(signals: TriggerSignal[]): void {
    this.enqueue(signals).catch((err) => this.logger.warn(`could not queue automation triggers: ${(err as Error).message}`));
  }

  private triggers(): Promise<ActiveTrigger[]> {
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      const triggers = this.load();
      this.cache = { at: Date.now(), triggers };
      triggers.catch(() => (this.cache = null));
    }
    return this.cache.triggers;
  }

  private async load(): Promise<ActiveTrigger[]> {
    const flows = await this.ds.getRepository(FlowEntity).find({ select: { id: true, publishedVersionId: true }, where: { status: 'active', publishedVersionId: Not(IsNull()) } });
    if (!flows.length) return [];
    const versions = await this.ds.getRepository(FlowVersionEntity).find({ where: { id: In(flows.map((f) => f.publishedVersionId!)) } });
    return versions.flatMap((v) => eventTriggers(v.graph).map((node) => ({ flowId: v.flowId, versionId: v.id, node })));
  }
}

function eventSignal(e: Pick<EventEntity, 'type' | 'properties'> & { id: number | null; memberId: number }): TriggerSignal {
  return { kind: 'event', eventId: e.id === null ? null : Number(e.id), type: e.type, properties: e.properties ?? {}, memberId: e.memberId };
}
