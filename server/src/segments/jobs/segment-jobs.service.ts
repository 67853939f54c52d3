import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { ConflictError, NotFoundError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { JobContext } from '../../platform/queue/job-queue';
import { isoOrNull } from '../../platform/time/time';
import { SegmentEntity } from '../segment.entity';
import { SegmentImportOptions, SegmentJobEntity, SegmentJobErrorEntity, SegmentJobKind } from './segment-job.entity';
import { SegmentJobDto, SegmentJobErrorsPageDto } from './segment-jobs.dto';

/** Export files and waiting uploads older than this are deleted. */
const KEEP_FILES_DAYS = 7;
/** Queue attempts per job; the last failure marks the job failed. */
export const SEGMENT_JOB_ATTEMPTS = 2;

/**
 * Segment jobs' rows and files: created by the export and import services, read by the admin.
 * Files live under DATA_DIR/segment-jobs, which every api and worker process must share.
 */
@Injectable()
export class SegmentJobsService {
  private readonly logger = new Logger('SegmentJobs');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(kind: SegmentJobKind, segmentId: number | null, options: SegmentImportOptions | null, actor: AdminPrincipal, m: EntityManager = this.ds.manager): Promise<SegmentJobEntity> {
    const repo = m.getRepository(SegmentJobEntity);
    return repo.save(repo.create({ kind, segmentId, options, status: 'queued', createdBy: actor.id }));
  }

  async status(id: number): Promise<SegmentJobDto> {
    return toDto(await this.load(id));
  }

  /** Unmatched rows of an import, in file order, a page at a time. */
  async errors(id: number, limit: number, cursor?: string): Promise<SegmentJobErrorsPageDto> {
    const job = await this.load(id);
    const repo = this.ds.getRepository(SegmentJobErrorEntity);
    // One error per row, so the row number is the cursor.
    const rows = await repo.find({ where: { jobId: id, ...(cursor ? { line: MoreThan(Number(cursor)) } : {}) }, order: { line: 'ASC' }, take: limit + 1 });
    const page = rows.slice(0, limit);
    return {
      items: page.map((e) => ({ row: e.line, value: e.value, reason: e.reason, message: e.message })),
      total: job.unmatched,
      kept: await repo.count({ where: { jobId: id } }),
      nextCursor: rows.length > limit ? String(page[page.length - 1].line) : null,
    };
  }

  /** A finished export's file, with the name the browser should save it as. */
  async exportFile(id: number): Promise<{ path: string; size: number; fileName: string; asciiName: string }> {
    const job = await this.load(id);
    if (job.kind !== 'export') throw new NotFoundError('export file of job', id);
    if (job.status !== 'done' || !job.resultFile) throw new ConflictError('status', `export ${id} is ${job.status}, not done; poll GET /api/segment-jobs/${id}`);
    const path = join(this.dir(), job.resultFile);
    const info = await stat(path).catch(() => null);
    if (!info) throw new NotFoundError('export file of job', id);
    const segment = job.segmentId ? await this.ds.getRepository(SegmentEntity).findOne({ where: { id: job.segmentId } }) : null;
    const stamp = isoOrNull(job.finishedAt)?.slice(0, 10).replace(/-/g, '') ?? '';
    return { path, size: info.size, fileName: `${segment?.name ?? `segment-${job.segmentId}`}-${stamp}.csv`, asciiName: `segment-${job.segmentId}-${stamp}.csv` };
  }

  dir(): string {
    return join(this.config.dataDir, 'segment-jobs');
  }

  async ensureDir(): Promise<string> {
    await mkdir(this.dir(), { recursive: true });
    return this.dir();
  }

  /**
   * Runs a job's body: marks it running, and records the outcome. A failure is retried by the queue
   * (the job shows queued again with the error) until the last attempt, which marks it failed.
   */
  async run(ctx: JobContext<{ jobId: number }>, body: (job: SegmentJobEntity) => Promise<void>): Promise<void> {
    const repo = this.ds.getRepository(SegmentJobEntity);
    const job = await repo.findOne({ where: { id: ctx.data.jobId } });
    if (!job || job.status === 'done' || job.status === 'failed') return;
    await repo.update({ id: job.id }, { status: 'running', startedAt: new Date(), error: null });
    try {
      await body(job);
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      const final = ctx.attempt >= SEGMENT_JOB_ATTEMPTS;
      await repo.update({ id: job.id }, final ? { status: 'failed', error: message, finishedAt: new Date() } : { status: 'queued', error: message });
      this.logger.warn(`segment job #${job.id} (${job.kind}) ${final ? 'failed' : 'will retry'}: ${message}`);
      if (!final) throw e;
    }
  }

  /** Progress as the job goes; the percent stays below 100 until the job is done. */
  async progress(ctx: JobContext<unknown>, id: number, processed: number, total: number, counts: Partial<Pick<SegmentJobEntity, 'matched' | 'unmatched'>> = {}): Promise<void> {
    const percent = total ? Math.min(99, Math.floor((processed / total) * 100)) : 0;
    await this.ds.getRepository(SegmentJobEntity).update({ id }, { processed, progress: percent, ...counts });
    await ctx.updateProgress(percent);
  }

  async setTotal(id: number, total: number): Promise<void> {
    await this.ds.getRepository(SegmentJobEntity).update({ id }, { total });
  }

  /** Marks the job done, in the caller's transaction when given (so the result and the status commit together). */
  async finish(id: number, patch: Partial<Pick<SegmentJobEntity, 'processed' | 'matched' | 'unmatched' | 'added' | 'resultFile' | 'segmentId'>>, m: EntityManager = this.ds.manager): Promise<void> {
    await m.getRepository(SegmentJobEntity).update({ id }, { ...patch, status: 'done', progress: 100, error: null, finishedAt: new Date() });
  }

  /** Marks a job failed outside a run (e.g. its upload could not be kept). */
  async fail(id: number, message: string): Promise<void> {
    await this.ds.getRepository(SegmentJobEntity).update({ id }, { status: 'failed', error: message.slice(0, 500), finishedAt: new Date() });
  }

  /** Deletes job files older than a week (their jobs then answer 404 for the file). */
  async sweep(): Promise<void> {
    const dir = this.dir();
    const cutoff = Date.now() - KEEP_FILES_DAYS * 86_400_000;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const info = await stat(join(dir, name)).catch(() => null);
      if (info && info.mtimeMs < cutoff) await unlink(join(dir, name)).catch(() => undefined);
    }
  }

  private async load(id: number): Promise<SegmentJobEntity> {
    const job = await this.ds.getRepository(SegmentJobEntity).findOne({ where: { id } });
    if (!job) throw new NotFoundError('segment job', id);
    return job;
  }
}

function toDto(j: SegmentJobEntity): SegmentJobDto {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    segmentId: j.segmentId,
    total: j.total,
    processed: j.processed,
    percent: j.status === 'done' ? 100 : j.progress,
    matched: j.matched,
    unmatched: j.unmatched,
    added: j.added,
    fileName: j.options?.fileName ?? null,
    error: j.error,
    fileUrl: j.kind === 'export' && j.status === 'done' ? `/api/segment-jobs/${j.id}/file` : null,
    errorsUrl: j.kind === 'import' && j.unmatched > 0 ? `/api/segment-jobs/${j.id}/errors` : null,
    createdAt: isoOrNull(j.createdAt) ?? '',
    finishedAt: isoOrNull(j.finishedAt),
  };
}
