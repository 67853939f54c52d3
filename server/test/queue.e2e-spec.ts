import { randomBytes } from 'node:crypto';
import { BullMqJobQueue } from '../src/platform/queue/bullmq.driver';
import { InlineJobQueue } from '../src/platform/queue/inline.driver';
import { JobQueue } from '../src/platform/queue/job-queue';
import { TEST_REDIS, eventually } from './harness';

/** The same contract holds for both drivers: BullMQ on the real Redis, and inline. */
describe.each([
  ['bullmq (Redis)', () => new BullMqJobQueue(TEST_REDIS, `scrm_q_${randomBytes(4).toString('hex')}`)],
  ['inline', () => new InlineJobQueue()],
])('job queue driver: %s', (_name, make: () => JobQueue) => {
  let q: JobQueue;
  const tries: Record<string, number> = {};
  const runs: Record<string, number> = {};
  beforeAll(async () => {
    q = make();
    q.register<{ key: string; failTimes: number }>('flaky', async (ctx) => {
      tries[ctx.data.key] = ctx.attempt;
      runs[ctx.data.key] = (runs[ctx.data.key] ?? 0) + 1;
      await ctx.updateProgress(50);
      if (ctx.attempt <= ctx.data.failTimes) throw new Error(`boom ${ctx.attempt}`);
      return 'ok';
    }, { attempts: 3, backoffMs: 50, concurrency: 2 });
    await q.start();
  });
  afterAll(() => q.close(5000));

  it('retries with backoff until the job succeeds', async () => {
    const id = await q.enqueue('flaky', { key: 'a', failTimes: 2 });
    const job = await eventually(async () => {
      const j = await q.getJob(id);
      return j?.status === 'completed' ? j : null;
    });
    expect(tries.a).toBe(3);
    expect(job.attemptsMade).toBe(3);
  });

  it('puts a job that keeps failing on the failed list, with its reason, and can retry it', async () => {
    const id = await q.enqueue('flaky', { key: 'b', failTimes: 99 });
    const failed = await eventually(async () => (await q.listFailed()).find((j) => j.id === id));
    expect(failed).toMatchObject({ status: 'failed', attemptsMade: 3, failedReason: 'boom 3' });
    expect(await q.retry(id)).toBe(true);
    // the retried job runs again (and, still failing, ends on the failed list again)
    await eventually(async () => runs.b > 3);
  });

  it('shutting down lets a running job finish (drain) before closing', async () => {
    const q2 = make();
    let finished = false;
    q2.register('slow', async () => {
      await new Promise((r) => setTimeout(r, 700));
      finished = true;
    });
    await q2.start();
    await q2.enqueue('slow', {});
    await eventually(async () => (await q2.health()).counts.active === 1);
    await q2.close(5000);
    expect(finished).toBe(true);
  });

  it('does not queue the same job id twice', async () => {
    const a = await q.enqueue('flaky', { key: 'c', failTimes: 0 }, { jobId: 'same-id' });
    const b = await q.enqueue('flaky', { key: 'c', failTimes: 0 }, { jobId: 'same-id' });
    expect(a).toBe(b);
    const h = await q.health();
    expect(h.ok).toBe(true);
  });
});
