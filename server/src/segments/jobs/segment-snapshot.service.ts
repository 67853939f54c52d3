import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { AuditService } from '../../platform/audit/audit.service';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { JOB_QUEUE, JobContext, JobQueue } from '../../platform/queue/job-queue';
import { zoneOffsetMs } from '../../platform/time/time';
import { SavedSegmentsService } from '../saved-segments.service';
import { SegmentEntity } from '../segment.entity';
import { SegmentsService } from '../segments.service';
import { SegmentJobDto } from './segment-jobs.dto';
import { SEGMENT_JOB_ATTEMPTS, SegmentJobsService } from './segment-jobs.service';

export const SEGMENT_SNAPSHOT_JOB = 'segments.snapshot';
/** Member ids per INSERT … SELECT: each step is one statement over an id range, so progress moves. */
const STEP = 50_000;

/**
 * Freezes who is in a dynamic segment now as a new static segment (a campaign's audience), as a job
 * with progress: the rule is applied over member id ranges, one INSERT … SELECT each, so no member
 * list ever passes through the server. A failed run removes what it had written.
 */
@Injectable()
export class SegmentSnapshotService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: SegmentJobsService,
    private readonly saved: SavedSegmentsService,
    private readonly segments: SegmentsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit() {
    this.queue.register<{ jobId: number; name: string }>(SEGMENT_SNAPSHOT_JOB, (ctx) => this.jobs.run(ctx, (job) => this.build(ctx, job.segmentId!, ctx.data.name)), {
      concurrency: 1,
      attempts: SEGMENT_JOB_ATTEMPTS,
      backoffMs: 2000,
    });
  }

  async start(segmentId: number, name: string | undefined, actor: AdminPrincipal): Promise<SegmentJobDto> {
    const source = await this.ds.getRepository(SegmentEntity).findOne({ where: { id: segmentId } });
    if (!source) throw new NotFoundError('segment', segmentId);
    if (source.type !== 'dynamic') throw new BadInputError('a static segment is a snapshot already; export it or copy it instead', [{ field: 'id', message: 'not a dynamic segment' }]);
    const snapshotName = (name ?? `${source.name.slice(0, 40)} 快照 ${this.localMinute(new Date())}`).slice(0, 64);
    if (await this.ds.getRepository(SegmentEntity).exists({ where: { name: snapshotName } })) throw new ConflictError('name', `a segment named "${snapshotName}" already exists`);
    await this.segments.compile(source.rule, source.id); // a rule that no longer compiles is refused now, not in the job
    const job = await this.ds.transaction(async (m) => {
      const row = await this.jobs.create('snapshot', segmentId, null, actor, m);
      await this.audit.record({ action: 'segment.snapshot', entityType: 'segment', entityId: segmentId, after: { jobId: row.id, name: snapshotName } }, m);
      return row;
    });
    await this.queue.enqueue(SEGMENT_SNAPSHOT_JOB, { jobId: job.id, name: snapshotName }, { jobId: `segment-snapshot-${job.id}` });
    return this.jobs.status(job.id);
  }

  private async build(ctx: JobContext<{ jobId: number; name: string }>, sourceId: number, name: string): Promise<void> {
    const id = ctx.data.jobId;
    const source = await this.ds.getRepository(SegmentEntity).findOne({ where: { id: sourceId } });
    if (!source) throw new Error(`segment ${sourceId} was deleted before its snapshot ran`);
    const where = await this.segments.compile(source.rule, source.id);
    const [{ lo, hi }] = await this.ds.query('SELECT MIN(id) AS lo, MAX(id) AS hi FROM member');
    const first = Number(lo ?? 0);
    const last = Number(hi ?? -1);
    const total = Math.max(0, last - first + 1);
    await this.jobs.setTotal(id, total);
    // a retry finds the half-written snapshot of the failed attempt by its name and starts again
    const repo = this.ds.getRepository(SegmentEntity);
    const stale = await repo.findOne({ where: { name, type: 'static' } });
    if (stale) await this.ds.transaction((m) => this.saved.erase(stale.id, m));
    const created = await repo.save(repo.create({ name, description: `「${source.name}」的快照`.slice(0, 255), type: 'static', rule: source.rule, createdBy: source.createdBy }));
    try {
      for (let from = first; from <= last; from += STEP) {
        const to = Math.min(last, from + STEP - 1);
        await this.ds.query(`INSERT INTO segment_member (segment_id, member_id) SELECT ?, m.id FROM member m WHERE m.id BETWEEN ? AND ? AND (${where.sql})`, [created.id, from, to, ...where.params]);
        await this.jobs.progress(ctx, id, to - first + 1, total);
      }
      const counted = await this.saved.recount(created.id);
      await this.jobs.finish(id, { processed: total, added: counted.count ?? 0, segmentId: created.id });
    } catch (e) {
      await this.ds.transaction((m) => this.saved.erase(created.id, m));
      throw e;
    }
  }

  /** "2026-11-23 18:05" in the brand's time zone. */
  private localMinute(at: Date): string {
    return new Date(at.getTime() + zoneOffsetMs(at, this.config.timezone)).toISOString().slice(0, 16).replace('T', ' ');
  }
}
