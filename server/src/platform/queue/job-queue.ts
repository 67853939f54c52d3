/** The job queue port. Services enqueue and register handlers here; drivers decide where jobs run. */
export interface JobContext<T> {
  id: string;
  name: string;
  data: T;
  /** 1 on the first try. */
  attempt: number;
  updateProgress(percent: number): Promise<void>;
}

export type JobHandler<T = unknown> = (ctx: JobContext<T>) => Promise<unknown>;

export interface JobOptions {
  /** A stable id makes enqueueing idempotent: the same id is not queued twice. */
  jobId?: string;
  attempts?: number;
  /** First retry delay; doubles each retry. */
  backoffMs?: number;
  delayMs?: number;
}

export interface HandlerOptions {
  concurrency?: number;
  attempts?: number;
  backoffMs?: number;
}

export type JobStatus = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export interface JobInfo {
  id: string;
  name: string;
  status: JobStatus;
  progress: number;
  attemptsMade: number;
  failedReason?: string;
  data: unknown;
  createdAt: Date;
  finishedAt?: Date;
}

export interface QueueHealth {
  driver: 'inline' | 'bullmq';
  ok: boolean;
  counts: Record<string, number>;
  error?: string;
}

export interface JobQueue {
  readonly driver: 'inline' | 'bullmq';
  register<T>(name: string, handler: JobHandler<T>, options?: HandlerOptions): void;
  enqueue<T>(name: string, data: T, options?: JobOptions): Promise<string>;
  /** Several jobs of one kind in one go (one Redis round trip with BullMQ). */
  enqueueMany<T>(name: string, jobs: { data: T; options?: JobOptions }[]): Promise<string[]>;
  getJob(id: string): Promise<JobInfo | null>;
  /** The dead-letter list: jobs that used up their attempts. */
  listFailed(limit?: number): Promise<JobInfo[]>;
  retry(id: string): Promise<boolean>;
  health(): Promise<QueueHealth>;
  /** Start consuming (worker role). */
  start(): Promise<void>;
  /** Stop taking jobs and wait for running ones, up to the timeout. */
  close(timeoutMs: number): Promise<void>;
}

export const JOB_QUEUE = Symbol('JOB_QUEUE');

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 1000;

export function backoffDelay(firstDelayMs: number, attemptsMade: number): number {
  return firstDelayMs * 2 ** Math.max(0, attemptsMade - 1);
}
