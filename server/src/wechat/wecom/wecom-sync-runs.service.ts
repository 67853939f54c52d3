import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan } from 'typeorm';
import { NotFoundError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { JOB_QUEUE, JobQueue } from '../../platform/queue/job-queue';
import { isoOrNull } from '../../platform/time/time';
import { SyncRunDto } from './wecom-org.dto';
import { SyncKind, SyncProblem, WecomSyncRunEntity } from './wecom-org.entity';

const KEEP_ERRORS = 200;
/** A run still queued or running after this long is taken for dead (its process went away). */
const STALE_MS = 30 * 60_000;

export interface RunCounts {
  total?: number;
  processed?: number;
  created?: number;
  updated?: number;
  removed?: number;
  failed?: number;
}

/** Runs of the WeCom background syncs: one at a time per account and kind, with progress and problems. */
@Injectable()
export class WecomSyncRunsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /** Queues a run, or returns the one already under way for this account and kind. */
  async start(accountId: number, kind: SyncKind, job: string, actor: AdminPrincipal | null): Promise<SyncRunDto> {
    const repo = this.ds.getRepository(WecomSyncRunEntity);
    const active = await repo.findOne({
      where: { accountId, kind, status: In(['queued', 'running']), createdAt: MoreThan(new Date(Date.now() - STALE_MS)) },
      order: { id: 'DESC' },
    });
    if (active) return toDto(active);
    const run = await repo.save(repo.create({ accountId, kind, status: 'queued', errors: [], createdBy: actor?.id ?? null }));
    await this.queue.enqueue(job, { runId: run.id }, { jobId: `wecom-sync-${run.id}` });
    return toDto(run);
  }

  async get(id: number): Promise<SyncRunDto> {
    return toDto(await this.load(id));
  }

  async load(id: number): Promise<WecomSyncRunEntity> {
    const r = await this.ds.getRepository(WecomSyncRunEntity).findOne({ where: { id } });
    if (!r) throw new NotFoundError('sync run', id);
    return r;
  }

  async begin(id: number): Promise<void> {
    await this.ds.getRepository(WecomSyncRunEntity).update({ id }, { status: 'running', startedAt: new Date(), finishedAt: null, failure: null });
  }

  async progress(id: number, counts: RunCounts, errors?: SyncProblem[]): Promise<void> {
    const patch: Partial<WecomSyncRunEntity> = { ...counts };
    if (errors) patch.errors = errors.slice(0, KEEP_ERRORS);
    await this.ds.getRepository(WecomSyncRunEntity).update({ id }, patch);
  }

  async finish(id: number, counts: RunCounts, errors: SyncProblem[]): Promise<void> {
    await this.ds.getRepository(WecomSyncRunEntity).update({ id }, { ...counts, errors: errors.slice(0, KEEP_ERRORS), status: 'done', finishedAt: new Date() });
  }

  async fail(id: number, failure: string, counts: RunCounts = {}, errors?: SyncProblem[]): Promise<void> {
    const patch: Partial<WecomSyncRunEntity> = { ...counts, status: 'failed', failure: failure.slice(0, 500), finishedAt: new Date() };
    if (errors) patch.errors = errors.slice(0, KEEP_ERRORS);
    await this.ds.getRepository(WecomSyncRunEntity).update({ id }, patch);
  }
}

function toDto(r: WecomSyncRunEntity): SyncRunDto {
  const percent = r.status === 'done' ? 100 : r.total ? Math.min(99, Math.floor((r.processed / r.total) * 100)) : 0;
  return {
    id: r.id,
    accountId: r.accountId,
    kind: r.kind,
    status: r.status,
    percent,
    total: r.total,
    processed: r.processed,
    created: r.created,
    updated: r.updated,
    removed: r.removed,
    failed: r.failed,
    errors: r.errors ?? [],
    failure: r.failure,
    startedAt: isoOrNull(r.startedAt),
    finishedAt: isoOrNull(r.finishedAt),
    createdAt: isoOrNull(r.createdAt) ?? '',
  };
}
