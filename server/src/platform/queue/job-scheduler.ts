import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JOB_QUEUE, JobQueue } from './job-queue';

interface Schedule {
  job: string;
  everyMs: number;
  timer?: NodeJS.Timeout;
}

/** The id of a scheduled job for the slot `at` falls in: every process computes the same one (BullMQ ids hold no ':'). */
export function slotJobId(job: string, everyMs: number, at: number): string {
  return `${job}-slot-${Math.floor(at / everyMs)}`;
}

/**
 * Enqueues jobs on an interval (e.g. the segment membership sweep) in the processes that run jobs.
 * Each tick enqueues the job with the id of the current time slot, so however many processes tick
 * in a slot, the queue holds one job for it. Timers stop before the queue drains on shutdown.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobScheduler');
  private readonly schedules: Schedule[] = [];
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /** Modules declare their recurring jobs during init; the job's handler is registered on the queue as usual. */
  every(job: string, everyMs: number): void {
    if (everyMs <= 0 || this.schedules.some((s) => s.job === job)) return;
    const s: Schedule = { job, everyMs };
    this.schedules.push(s);
    if (this.running) this.start(s);
  }

  onApplicationBootstrap() {
    if (!this.config.runsWorker) return;
    this.running = true;
    for (const s of this.schedules) this.start(s);
  }

  beforeApplicationShutdown() {
    this.running = false;
    for (const s of this.schedules) {
      if (s.timer) clearTimeout(s.timer); // clears an interval too
      s.timer = undefined;
    }
  }

  /** Ticks at slot boundaries (a daily job runs at the day's start whenever the process was started). */
  private start(s: Schedule) {
    const untilSlot = s.everyMs - (Date.now() % s.everyMs);
    s.timer = setTimeout(() => {
      if (!this.running) return;
      void this.tick(s);
      s.timer = setInterval(() => void this.tick(s), s.everyMs);
      s.timer.unref();
    }, untilSlot);
    s.timer.unref();
  }

  private async tick(s: Schedule) {
    const at = Date.now();
    try {
      await this.queue.enqueue(s.job, { at: new Date(at).toISOString() }, { jobId: slotJobId(s.job, s.everyMs, at), attempts: 1 });
    } catch (e) {
      if (this.running) this.logger.warn(`could not enqueue ${s.job}: ${(e as Error).message}`);
    }
  }
}
