import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JOB_QUEUE, JobQueue } from '../../platform/queue/job-queue';
import { ANY_READ, MembershipReason, chunks, groupPending, membersAffected } from './membership-diff';
import { MembershipWriter, SegmentWork } from './membership-writer';
import { SegmentEvaluationPendingEntity } from './segment-membership.entity';
import { TrackedSegments } from './tracked-segments';

export const EVALUATE_MEMBERS_JOB = 'segments.evaluate-members';

/** Changes told within this long of each other are written (and evaluated) together. */
const SETTLE_MS = 100;
/** Pending rows one drain job claims; more are left to the next job. */
const CLAIM_ROWS = 1000;
/** Members evaluated in one transaction (their rows stay locked meanwhile on MySQL). */
const MEMBERS_PER_TRANSACTION = 200;

export interface MembershipStats {
  /** member changes told to the service */
  received: number;
  /** of those, changes no tracked segment reads (nothing evaluated) */
  ignored: number;
  /** members written to the pending list */
  queued: number;
  /** members evaluated (change-driven, sweep and rebuild candidates) */
  evaluatedMembers: number;
  /** member × segment evaluations */
  evaluations: number;
  entered: number;
  left: number;
}

/**
 * Keeps tracked segments' membership current as members change. Other modules tell it what changed
 * (`changed(memberIds, reads)` with reads such as `tag:12` or `event:pay.paid`); changes close together
 * are collected for a moment, written to a pending table and drained by a queued job, which
 * re-evaluates each member once against only the segments whose rules read what changed.
 *
 * Nothing is lost to the queue's job-id deduplication: each flush enqueues a job with a fresh id after
 * its rows are written, so a drain always starts after the rows it must see. Jobs that find the rows
 * already taken by another drain finish at once. The short wait before writing also lets a change
 * told from inside a transaction (a hook that runs before its commit) become visible first.
 */
@Injectable()
export class SegmentMembershipService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('SegmentMembership');
  private buffer = new Map<number, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly counters: MembershipStats = { received: 0, ignored: 0, queued: 0, evaluatedMembers: 0, evaluations: 0, entered: 0, left: 0 };

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly tracked: TrackedSegments,
    private readonly writer: MembershipWriter,
  ) {}

  onModuleInit() {
    this.queue.register(EVALUATE_MEMBERS_JOB, () => this.drain(), { concurrency: 1, attempts: 5, backoffMs: 500 });
  }

  /** Writes what is still collected before the queue drains on shutdown. */
  async beforeApplicationShutdown() {
    await this.flush();
  }

  /**
   * Members changed in ways segment rules read (`event:<type>`, `tag:<id>`, `field:<name>`,
   * `field:attributes.<key>`, `identity`, `wecom_follow`, `segment_member:<id>`, `stats`, or `*` for
   * anything). Returns at once; the evaluation follows in a job.
   */
  changed(memberIds: number[], reads: string[]): void {
    if (!memberIds.length || !reads.length) return;
    for (const id of memberIds) {
      if (!Number.isInteger(id) || id <= 0) continue;
      this.counters.received++;
      const set = this.buffer.get(id) ?? new Set<string>();
      for (const r of reads) set.add(r);
      this.buffer.set(id, set);
    }
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch((e: Error) => this.logger.error(`could not queue segment evaluations: ${e.message}`)), SETTLE_MS);
      this.timer.unref();
    }
  }

  /** Writes the collected changes to the pending table now and queues their evaluation. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = new Map();
    // one flush at a time, so a later flush never overtakes an earlier one's rows
    this.flushing = this.flushing
      .catch(() => undefined)
      .then(() =>
        this.write(batch).catch((e: unknown) => {
          this.putBack(batch);
          throw e;
        }),
      );
    return this.flushing;
  }

  /** A flush that could not be written (the database away) goes back to be tried again, not lost. */
  private putBack(batch: Map<number, Set<string>>): void {
    for (const [id, reads] of batch) {
      const set = this.buffer.get(id) ?? new Set<string>();
      for (const r of reads) set.add(r);
      this.buffer.set(id, set);
    }
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch((e: Error) => this.logger.error(`could not queue segment evaluations: ${e.message}`)), 5000);
      this.timer.unref();
    }
  }

  private async write(batch: Map<number, Set<string>>): Promise<void> {
    if (!batch.size) return;
    const relevant = await this.tracked.readsOfAll();
    const rows: { memberId: number; readKey: string }[] = [];
    for (const [memberId, reads] of batch) {
      const kept = relevant.size ? [...reads].filter((r) => r === ANY_READ || relevant.has(r)) : [];
      if (!kept.length) this.counters.ignored++;
      else this.counters.queued++;
      for (const readKey of kept) rows.push({ memberId, readKey: readKey.slice(0, 128) });
    }
    if (!rows.length) return;
    await this.insertPending(rows, this.ds.manager);
    await this.queue.enqueue(EVALUATE_MEMBERS_JOB, {});
  }

  /**
   * Queues members for evaluation inside the caller's transaction (a merge): the rows commit with it,
   * and the drain runs a moment later. Should it run before the commit, the next drain or sweep takes them.
   */
  async queueInTransaction(memberIds: number[], m: EntityManager): Promise<void> {
    if (!memberIds.length) return;
    await this.insertPending(memberIds.map((memberId) => ({ memberId, readKey: ANY_READ })), m);
    await this.queue.enqueue(EVALUATE_MEMBERS_JOB, {}, { delayMs: 1000 });
  }

  /** Pending rows left behind (a crash, a drain that ran before its rows committed): queue a drain for them. */
  async drainLeftovers(): Promise<void> {
    const [row] = (await this.ds.query('SELECT COUNT(*) AS n FROM segment_evaluation_pending')) as { n: number | string }[];
    if (Number(row?.n ?? 0) > 0) await this.queue.enqueue(EVALUATE_MEMBERS_JOB, {});
  }

  /** The drain job: claims pending rows, evaluates their members, and hands the rest to another job. */
  async drain(now = new Date()): Promise<{ members: number }> {
    const rows: { id: number | string; member_id: number | string; read_key: string }[] = await this.ds.query(
      'SELECT id, member_id, read_key FROM segment_evaluation_pending ORDER BY id LIMIT ?',
      [CLAIM_ROWS],
    );
    if (!rows.length) return { members: 0 };
    // Claimed by deleting: a change arriving from here on writes a new row (and enqueues its own drain).
    for (const part of chunks(rows, 500)) await this.ds.query(`DELETE FROM segment_evaluation_pending WHERE id IN (${part.map(() => '?').join(', ')})`, part.map((r) => Number(r.id)));
    const claimed = rows.map((r) => ({ memberId: Number(r.member_id), readKey: r.read_key }));
    const pending = groupPending(claimed);
    try {
      await this.evaluate(pending, now);
    } catch (e) {
      // put them back for the retry
      await this.insertPending(claimed, this.ds.manager);
      throw e;
    }
    if (rows.length === CLAIM_ROWS) await this.queue.enqueue(EVALUATE_MEMBERS_JOB, {});
    return { members: pending.size };
  }

  /**
   * Evaluates members (with what changed about each) against the tracked segments that read it, at
   * `now`. Running it again for the same members changes nothing and stores no event twice.
   */
  async evaluate(pending: ReadonlyMap<number, ReadonlySet<string>>, now = new Date(), reason: MembershipReason = 'changed'): Promise<void> {
    const segments = (await this.tracked.list()).filter((s) => s.lastSweptAt && s.reads);
    if (!segments.length || !pending.size) return;
    const ctx = await this.tracked.ctx();
    const ids = [...pending.keys()];
    for (const part of chunks(ids, MEMBERS_PER_TRANSACTION)) {
      const slice = new Map(part.map((id) => [id, pending.get(id)!]));
      const work: SegmentWork[] = [];
      for (const s of segments) {
        const memberIds = membersAffected(s.reads!, slice);
        const where = memberIds.length ? this.tracked.compile(s, now, ctx) : null;
        if (where) work.push({ segment: s, where, memberIds });
      }
      await this.apply(work, now, reason);
    }
  }

  /** Evaluates given members against one segment (the sweep's candidates). */
  async evaluateFor(segment: { id: number; name: string; rule: unknown }, memberIds: number[], now: Date, reason: MembershipReason): Promise<void> {
    const where = this.tracked.compile(segment, now, await this.tracked.ctx());
    if (!where) return;
    for (const part of chunks(memberIds, MEMBERS_PER_TRANSACTION)) await this.apply([{ segment, where, memberIds: part }], now, reason);
  }

  stats(): MembershipStats {
    return { ...this.counters };
  }

  private async apply(work: SegmentWork[], now: Date, reason: MembershipReason): Promise<void> {
    if (!work.length) return;
    const r = await this.writer.evaluate(work, now, reason);
    this.counters.evaluatedMembers += new Set(work.flatMap((w) => w.memberIds)).size;
    this.counters.evaluations += r.evaluations;
    this.counters.entered += r.entered;
    this.counters.left += r.left;
  }

  private async insertPending(rows: { memberId: number; readKey: string }[], m: EntityManager): Promise<void> {
    for (const part of chunks(rows, 500)) {
      await m.getRepository(SegmentEvaluationPendingEntity).createQueryBuilder().insert().values(part).orIgnore().updateEntity(false).execute();
    }
  }
}
