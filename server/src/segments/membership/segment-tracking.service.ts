import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOB_QUEUE, JobQueue } from '../../platform/queue/job-queue';
import { JobScheduler } from '../../platform/queue/job-scheduler';
import { SavedSegmentsService, SegmentChange } from '../saved-segments.service';
import { SegmentEntity } from '../segment.entity';
import { dependentsOf } from './membership-diff';
import { MembershipWriter } from './membership-writer';
import { SegmentMembershipService } from './segment-membership.service';
import { CONTEXT_TTL_MS, TrackedSegments } from './tracked-segments';

export const BUILD_MEMBERSHIP_JOB = 'segments.build-membership';
export const RECONCILE_MEMBERSHIP_JOB = 'segments.reconcile-membership';

/** How often every tracked segment is checked in full. */
const RECONCILE_EVERY_MS = 24 * 3_600_000;

/**
 * Turning tracking on builds a segment's membership (a baseline, no events); off forgets it. A changed
 * rule rebuilds the membership of the segment and of tracked segments built on it, with an event for
 * each member who came in or went out.
 */
@Injectable()
export class SegmentTrackingService implements OnModuleInit {
  private readonly logger = new Logger('SegmentTracking');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly saved: SavedSegmentsService,
    private readonly tracked: TrackedSegments,
    private readonly writer: MembershipWriter,
    private readonly membership: SegmentMembershipService,
    private readonly scheduler: JobScheduler,
  ) {}

  onModuleInit() {
    this.queue.register<{ segmentId: number }>(BUILD_MEMBERSHIP_JOB, (ctx) => this.build(ctx.data.segmentId), { concurrency: 1, attempts: 3 });
    this.saved.onChange((change) => this.onSegmentChange(change));
    this.queue.register(RECONCILE_MEMBERSHIP_JOB, () => this.reconcile(), { concurrency: 1, attempts: 2 });
    this.scheduler.every(RECONCILE_MEMBERSHIP_JOB, RECONCILE_EVERY_MS);
  }

  /**
   * The safety net under the change-driven updates: once a day each tracked segment is compared in full
   * with its rule (set-based), and anyone a lost update left on the wrong side enters or leaves with
   * reason "reconcile". Changes still being collected when a process died are repaired here.
   */
  async reconcile(now = new Date()): Promise<{ segmentId: number; entered: number; left: number }[]> {
    const out = [];
    const ctx = await this.tracked.ctx();
    for (const seg of await this.ds.getRepository(SegmentEntity).find({ where: { tracked: true, type: 'dynamic' } })) {
      if (!seg.lastSweptAt) continue; // its first build has not run yet
      const where = this.tracked.compile(seg, now, ctx);
      if (!where) continue;
      const r = await this.writer.rebuild(seg, where, now, false, 'reconcile');
      if (r.entered || r.left) this.logger.warn(`segment ${seg.id}: the daily check found ${r.entered} member(s) to enter and ${r.left} to leave`);
      out.push({ segmentId: seg.id, ...r });
    }
    return out;
  }

  private async onSegmentChange(change: SegmentChange): Promise<void> {
    if (change.members) return this.membership.changed(change.members, [`segment_member:${change.segmentId}`]);
    this.tracked.invalidate();
    if (change.deleted || (change.trackingChanged && !change.tracked)) await this.writer.clear(change.segmentId);
    const rebuild = new Set<number>();
    if (change.trackingChanged && change.tracked) rebuild.add(change.segmentId);
    if (change.ruleChanged) {
      const dynamic = await this.ds.getRepository(SegmentEntity).find({ where: { type: 'dynamic' }, select: { id: true, rule: true, tracked: true } });
      const affected = dependentsOf(change.segmentId, new Map(dynamic.map((s) => [s.id, s.rule])));
      for (const s of dynamic) if (s.tracked && affected.has(s.id)) rebuild.add(s.id);
    }
    // With several processes, wait until their cached rules have expired, so the rebuild has the last word.
    const delayMs = this.queue.driver === 'bullmq' ? CONTEXT_TTL_MS : 0;
    for (const segmentId of rebuild) await this.queue.enqueue(BUILD_MEMBERSHIP_JOB, { segmentId }, { delayMs });
  }

  /** Builds (first time: baseline) or rebuilds (rule changed: with events) a tracked segment's membership. */
  async build(segmentId: number, now = new Date()): Promise<{ status: 'built' | 'rebuilt' | 'skipped'; entered?: number; left?: number }> {
    this.tracked.invalidate();
    const seg = await this.ds.getRepository(SegmentEntity).findOne({ where: { id: segmentId } });
    if (!seg || !seg.tracked || seg.type !== 'dynamic') return { status: 'skipped' };
    const where = this.tracked.compile(seg, now, await this.tracked.ctx());
    if (!where) return { status: 'skipped' };
    const baseline = !seg.lastSweptAt;
    const r = await this.writer.rebuild(seg, where, now, baseline);
    this.tracked.invalidate();
    this.logger.log(`segment ${segmentId} membership ${baseline ? 'built' : `rebuilt (+${r.entered} −${r.left})`}`);
    return baseline ? { status: 'built' } : { status: 'rebuilt', ...r };
  }
}
