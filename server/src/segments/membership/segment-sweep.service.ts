import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { JOB_QUEUE, JobQueue } from '../../platform/queue/job-queue';
import { JobScheduler } from '../../platform/queue/job-scheduler';
import { MembershipWriter } from './membership-writer';
import { SegmentMembershipService } from './segment-membership.service';
import { TrackedSegments } from './tracked-segments';

export const SWEEP_JOB = 'segments.sweep';

/** Candidates read per page. */
const PAGE = 1000;

export interface SweepResult {
  segments: { segmentId: number; candidates: number }[];
}

/**
 * Rules such as "no purchase in 60 days" change answer as the clock moves, with no change to any
 * member. Every SEGMENT_SWEEP_SECONDS this re-evaluates, per tracked segment, only the members its
 * time-relative conditions name as movable between the last sweep and now.
 */
@Injectable()
export class SegmentSweepService implements OnModuleInit {
  private readonly logger = new Logger('SegmentSweep');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly scheduler: JobScheduler,
    private readonly tracked: TrackedSegments,
    private readonly membership: SegmentMembershipService,
    private readonly writer: MembershipWriter,
  ) {}

  onModuleInit() {
    this.queue.register(SWEEP_JOB, () => this.sweep(), { concurrency: 1, attempts: 1 });
    this.scheduler.every(SWEEP_JOB, this.config.segmentSweepSeconds * 1000);
  }

  /** Sweeps every built tracked segment from its last sweep up to `now`. */
  async sweep(now = new Date()): Promise<SweepResult> {
    const result: SweepResult = { segments: [] };
    const segments = (await this.tracked.list()).filter((s) => s.lastSweptAt);
    const ctx = segments.length ? await this.tracked.ctx() : null;
    for (const seg of segments) {
      const from = seg.lastSweptAt!;
      if (from >= now) continue;
      const compiled = this.tracked.compile(seg, now, ctx!);
      if (!compiled) continue;
      let candidates = 0;
      const parts = (compiled.moving ?? []).map((f) => f(from, now));
      if (parts.length) {
        const union = parts.map((p) => p.sql).join(' UNION ');
        const params = parts.flatMap((p) => p.params);
        let after = 0;
        for (;;) {
          const rows: { member_id: number | string }[] = await this.ds.query(
            `SELECT c.member_id FROM (${union}) c WHERE c.member_id > ? ORDER BY c.member_id LIMIT ?`,
            [...params, after, PAGE],
          );
          if (!rows.length) break;
          const ids = rows.map((r) => Number(r.member_id));
          candidates += ids.length;
          await this.membership.evaluateFor(seg, ids, now, 'time');
          after = ids[ids.length - 1];
          if (rows.length < PAGE) break;
        }
      }
      await this.writer.markSwept(this.ds.manager, seg.id, now);
      result.segments.push({ segmentId: seg.id, candidates });
    }
    await this.membership.drainLeftovers();
    if (result.segments.some((s) => s.candidates)) this.logger.log(`sweep: ${result.segments.map((s) => `segment ${s.segmentId} ${s.candidates} candidate(s)`).join(', ')}`);
    return result;
  }
}
