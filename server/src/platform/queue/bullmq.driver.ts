import { Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  HandlerOptions,
  JobHandler,
  JobInfo,
  JobOptions,
  JobQueue,
  JobStatus,
  QueueHealth,
} from './job-queue';

interface Registration {
  handler: JobHandler<unknown>;
  options: HandlerOptions;
}

/**
 * Runs jobs on Redis through BullMQ: one BullMQ queue per job name, so API processes enqueue and
 * worker processes (ROLE=worker|all) consume. Failed jobs stay in BullMQ's failed set (our dead
 * letters) until retried.
 */
export class BullMqJobQueue implements JobQueue {
  readonly driver = 'bullmq' as const;
  private readonly logger = new Logger('BullMqJobQueue');
  private readonly connection: IORedis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly workerConnections: IORedis[] = [];
  private readonly registrations = new Map<string, Registration>();
  private closing = false;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
  ) {
    // BullMQ needs maxRetriesPerRequest null on connections used by workers.
    this.connection = new IORedis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', (e) => this.logger.warn(`redis: ${e.message}`));
  }

  register<T>(name: string, handler: JobHandler<T>, options: HandlerOptions = {}): void {
    this.registrations.set(name, { handler: handler as JobHandler<unknown>, options });
  }

  async enqueue<T>(name: string, data: T, options: JobOptions = {}): Promise<string> {
    if (this.closing) throw new Error('queue is shutting down');
    const reg = this.registrations.get(name);
    const job = await this.queue(name).add(name, data, {
      jobId: options.jobId ?? randomUUID(),
      attempts: options.attempts ?? reg?.options.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: options.backoffMs ?? reg?.options.backoffMs ?? DEFAULT_BACKOFF_MS },
      delay: options.delayMs,
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 10000 },
    });
    return `${name}:${job.id}`;
  }

  async enqueueMany<T>(name: string, jobs: { data: T; options?: JobOptions }[]): Promise<string[]> {
    if (this.closing) throw new Error('queue is shutting down');
    if (!jobs.length) return [];
    const reg = this.registrations.get(name);
    const added = await this.queue(name).addBulk(
      jobs.map(({ data, options = {} }) => ({
        name,
        data,
        opts: {
          jobId: options.jobId ?? randomUUID(),
          attempts: options.attempts ?? reg?.options.attempts ?? DEFAULT_ATTEMPTS,
          backoff: { type: 'exponential', delay: options.backoffMs ?? reg?.options.backoffMs ?? DEFAULT_BACKOFF_MS },
          delay: options.delayMs,
          removeOnComplete: { count: 1000 },
          removeOnFail: { count: 10000 },
        },
      })),
    );
    return added.map((j) => `${name}:${j.id}`);
  }

  async getJob(id: string): Promise<JobInfo | null> {
    const [name, jobId] = splitId(id);
    if (!name || !jobId) return null;
    const job = await this.queue(name).getJob(jobId);
    return job ? this.info(name, job) : null;
  }

  async listFailed(limit = 100): Promise<JobInfo[]> {
    const out: JobInfo[] = [];
    for (const name of this.registrations.keys()) {
      const jobs = await this.queue(name).getFailed(0, limit - 1);
      for (const j of jobs) out.push(await this.info(name, j));
    }
    return out.slice(0, limit);
  }

  async retry(id: string): Promise<boolean> {
    const [name, jobId] = splitId(id);
    if (!name || !jobId) return false;
    const job = await this.queue(name).getJob(jobId);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed');
    return true;
  }

  async health(): Promise<QueueHealth> {
    try {
      await this.connection.ping();
      const counts: Record<string, number> = { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 };
      for (const name of this.registrations.keys()) {
        const c = await this.queue(name).getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed');
        for (const [k, v] of Object.entries(c)) counts[k] = (counts[k] ?? 0) + v;
      }
      return { driver: 'bullmq', ok: true, counts };
    } catch (e) {
      return { driver: 'bullmq', ok: false, counts: {}, error: e instanceof Error ? e.message : String(e) };
    }
  }

  async start(): Promise<void> {
    for (const [name, reg] of this.registrations) {
      const connection = this.connection.duplicate();
      this.workerConnections.push(connection);
      const worker = new Worker(
        this.queueName(name),
        async (job: Job) =>
          reg.handler({
            id: `${name}:${job.id}`,
            name,
            data: job.data,
            attempt: job.attemptsMade + 1,
            updateProgress: (p) => job.updateProgress(Math.max(0, Math.min(100, Math.round(p)))),
          }),
        { connection, concurrency: reg.options.concurrency ?? 1, prefix: this.prefix },
      );
      worker.on('failed', (job, err) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
          this.logger.error(`job ${name}#${job.id} failed for good: ${err.message}`);
        }
      });
      worker.on('error', (e) => this.logger.warn(`worker ${name}: ${e.message}`));
      this.workers.push(worker);
    }
  }

  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    const all = Promise.all([...this.workers.map((w) => w.close()), ...[...this.queues.values()].map((q) => q.close())]);
    await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    if (this.workers.length) await Promise.all(this.workers.map((w) => w.close(true)));
    // Connections we hand to BullMQ are ours to close.
    for (const c of this.workerConnections) c.disconnect();
    this.connection.disconnect();
  }

  private queueName(name: string) {
    return name.replace(/[^a-zA-Z0-9_.-]/g, '_');
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(this.queueName(name), { connection: this.connection, prefix: this.prefix });
      q.on('error', (e) => this.logger.warn(`queue ${name}: ${e.message}`));
      this.queues.set(name, q);
    }
    return q;
  }

  private async info(name: string, job: Job): Promise<JobInfo> {
    const state = await job.getState();
    const status: JobStatus =
      state === 'completed' || state === 'failed' || state === 'active' || state === 'delayed' ? state : 'waiting';
    return {
      id: `${name}:${job.id}`,
      name,
      status,
      progress: typeof job.progress === 'number' ? job.progress : 0,
      attemptsMade: job.attemptsMade,
      failedReason: job.failedReason || undefined,
      data: job.data,
      createdAt: new Date(job.timestamp),
      finishedAt: job.finishedOn ? new Date(job.finishedOn) : undefined,
    };
  }
}

function splitId(id: string): [string | undefined, string | undefined] {
  const i = id.indexOf(':');
  return i < 0 ? [undefined, undefined] : [id.slice(0, i), id.slice(i + 1)];
}
