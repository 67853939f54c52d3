import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  HandlerOptions,
  JobHandler,
  JobInfo,
  JobOptions,
  JobQueue,
  QueueHealth,
  backoffDelay,
} from './job-queue';

interface InlineJob extends JobInfo {
  attempts: number;
  backoffMs: number;
  timer?: NodeJS.Timeout;
}

interface Registration {
  handler: JobHandler<unknown>;
  options: HandlerOptions;
  running: number;
  waiting: InlineJob[];
}

const KEEP_FINISHED = 1000;

/**
 * Runs jobs in this process (the embedded default, no Redis). Same contract as BullMQ: retries with
 * exponential backoff, a failed list, progress, idempotent job ids, per-name concurrency.
 * Jobs do not survive a restart; anything that must survive keeps its own state in the database.
 */
export class InlineJobQueue implements JobQueue {
  readonly driver = 'inline' as const;
  private readonly logger = new Logger('InlineJobQueue');
  private readonly registrations = new Map<string, Registration>();
  private readonly jobs = new Map<string, InlineJob>();
  private readonly finished: string[] = [];
  private started = false;
  private closing = false;
  private idleWaiters: (() => void)[] = [];

  register<T>(name: string, handler: JobHandler<T>, options: HandlerOptions = {}): void {
    this.registrations.set(name, { handler: handler as JobHandler<unknown>, options, running: 0, waiting: [] });
  }

  async enqueueMany<T>(name: string, jobs: { data: T; options?: JobOptions }[]): Promise<string[]> {
    const ids: string[] = [];
    for (const j of jobs) ids.push(await this.enqueue(name, j.data, j.options));
    return ids;
  }

  async enqueue<T>(name: string, data: T, options: JobOptions = {}): Promise<string> {
    if (this.closing) throw new Error('queue is shutting down');
    const id = options.jobId ?? randomUUID();
    if (this.jobs.has(id)) return id;
    const reg = this.registrations.get(name);
    const job: InlineJob = {
      id,
      name,
      status: options.delayMs ? 'delayed' : 'waiting',
      progress: 0,
      attemptsMade: 0,
      data,
      createdAt: new Date(),
      attempts: options.attempts ?? reg?.options.attempts ?? DEFAULT_ATTEMPTS,
      backoffMs: options.backoffMs ?? reg?.options.backoffMs ?? DEFAULT_BACKOFF_MS,
    };
    this.jobs.set(id, job);
    this.schedule(job, options.delayMs ?? 0);
    return id;
  }

  async getJob(id: string): Promise<JobInfo | null> {
    const job = this.jobs.get(id);
    return job ? this.info(job) : null;
  }

  async listFailed(limit = 100): Promise<JobInfo[]> {
    return [...this.jobs.values()].filter((j) => j.status === 'failed').slice(-limit).map((j) => this.info(j));
  }

  async retry(id: string): Promise<boolean> {
    const job = this.jobs.get(id);
    if (!job || job.status !== 'failed') return false;
    job.status = 'waiting';
    job.attemptsMade = 0;
    job.failedReason = undefined;
    this.schedule(job, 0);
    return true;
  }

  async health(): Promise<QueueHealth> {
    const counts: Record<string, number> = { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 };
    for (const j of this.jobs.values()) counts[j.status]++;
    return { driver: 'inline', ok: !this.closing, counts };
  }

  async start(): Promise<void> {
    this.started = true;
    for (const reg of this.registrations.values()) this.pump(reg);
  }

  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    for (const j of this.jobs.values()) if (j.timer) clearTimeout(j.timer);
    if (this.activeCount() === 0) return;
    await Promise.race([
      new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
      new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  }

  /** Resolves when nothing is waiting, delayed or running (tests and the import flow use it). */
  async whenIdle(): Promise<void> {
    if (this.activeCount() === 0 && this.pendingCount() === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    return this.whenIdle();
  }

  private schedule(job: InlineJob, delayMs: number) {
    const reg = this.registrations.get(job.name);
    const enqueue = () => {
      job.timer = undefined;
      job.status = 'waiting';
      if (!reg) {
        this.fail(job, `no handler registered for job "${job.name}"`);
        return;
      }
      reg.waiting.push(job);
      this.pump(reg);
    };
    if (delayMs > 0) {
      job.status = 'delayed';
      job.timer = setTimeout(enqueue, delayMs);
    } else {
      // Let the caller finish its own transaction before the job runs.
      setImmediate(enqueue);
    }
  }

  private pump(reg: Registration) {
    if (!this.started || this.closing) return;
    const concurrency = reg.options.concurrency ?? 1;
    while (reg.running < concurrency && reg.waiting.length) {
      const job = reg.waiting.shift()!;
      reg.running++;
      void this.run(reg, job).finally(() => {
        reg.running--;
        this.pump(reg);
        this.notifyIdle();
      });
    }
  }

  private async run(reg: Registration, job: InlineJob) {
    job.status = 'active';
    job.attemptsMade++;
    try {
      await reg.handler({
        id: job.id,
        name: job.name,
        data: job.data,
        attempt: job.attemptsMade,
        updateProgress: async (p) => {
          job.progress = Math.max(0, Math.min(100, Math.round(p)));
        },
      });
      job.status = 'completed';
      job.progress = 100;
      job.finishedAt = new Date();
      this.remember(job.id);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      if (job.attemptsMade < job.attempts && !this.closing) {
        this.logger.warn(`job ${job.name}#${job.id} failed (try ${job.attemptsMade}/${job.attempts}): ${reason}`);
        job.failedReason = reason;
        this.schedule(job, backoffDelay(job.backoffMs, job.attemptsMade));
      } else {
        this.fail(job, reason);
      }
    }
  }

  private fail(job: InlineJob, reason: string) {
    this.logger.error(`job ${job.name}#${job.id} failed for good: ${reason}`);
    job.status = 'failed';
    job.failedReason = reason;
    job.finishedAt = new Date();
    this.remember(job.id);
  }

  /** Keeps memory bounded: only the last finished jobs stay queryable. */
  private remember(id: string) {
    this.finished.push(id);
    while (this.finished.length > KEEP_FINISHED) {
      const old = this.finished.shift()!;
      const j = this.jobs.get(old);
      if (j && (j.status === 'completed' || j.status === 'failed')) this.jobs.delete(old);
    }
  }

  private activeCount() {
    let n = 0;
    for (const reg of this.registrations.values()) n += reg.running;
    return n;
  }

  private pendingCount() {
    let n = 0;
    for (const j of this.jobs.values()) if (j.status === 'waiting' || j.status === 'delayed') n++;
    return n;
  }

  private notifyIdle() {
    if (this.activeCount() > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }

  private info(j: InlineJob): JobInfo {
    return {
      id: j.id,
      name: j.name,
      status: j.status,
      progress: j.progress,
      attemptsMade: j.attemptsMade,
      failedReason: j.failedReason,
      data: j.data,
      createdAt: j.createdAt,
      finishedAt: j.finishedAt,
    };
  }
}
