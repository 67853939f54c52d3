import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { isMysql } from '../../platform/database/data-source';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors/app-error';
import { JOB_QUEUE, JobQueue } from '../../platform/queue/job-queue';
import { JobScheduler } from '../../platform/queue/job-scheduler';
import { isoOrNull } from '../../platform/time/time';
import { FlowEntity, FlowVersionEntity } from '../flows/flow.entity';
import { AutomationClock } from './automation-clock';
import { FlowEnrollmentEntity, FlowStepLogEntity } from './enrollment.entity';
import { EnrollResultDto, JourneyEnrollmentDto } from './enrollments.dto';
import { manualTrigger } from './next-node';
import { StepJob, StepRunnerService } from './step-runner.service';

export const WAKE_JOB = 'automation.wake';
const WAKE_EVERY_MS = 15_000;
/** Enrollments woken per transaction, and transactions per wake run (the rest wait for the next run). */
const WAKE_BATCH = 500;
const WAKE_BATCHES_PER_RUN = 20;

/** Members entering flows, waits ending, and the journey of a member through a flow. */
@Injectable()
export class EnrollmentsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly scheduler: JobScheduler,
    private readonly clock: AutomationClock,
    private readonly steps: StepRunnerService,
  ) {}

  onModuleInit() {
    this.queue.register(WAKE_JOB, () => this.wakeDue(this.clock.now()), { concurrency: 1, attempts: 1 });
    this.scheduler.every(WAKE_JOB, WAKE_EVERY_MS);
  }

  /**
   * Enrolls members into the flow's published version at its manual trigger. Members already on
   * their way through that version are left as they are and reported (the unique active key decides,
   * so two concurrent requests cannot enroll a member twice).
   */
  async enroll(flowId: number, memberIds: number[]): Promise<EnrollResultDto> {
    const flow = await this.ds.getRepository(FlowEntity).findOne({ where: { id: flowId } });
    if (!flow) throw new NotFoundError('flow', flowId);
    if (flow.status !== 'active' || !flow.publishedVersionId) throw new ConflictError('status', `members can only enter an active flow (this one is ${flow.status})`);
    const version = await this.ds.getRepository(FlowVersionEntity).findOneOrFail({ where: { id: flow.publishedVersionId } });
    const start = manualTrigger(version.graph);
    if (!start) throw new ConflictError('graph', 'the published version has no "Manual or API enrollment" trigger, so members cannot be added by hand');

    const ids = [...new Set(memberIds)];
    const found = new Set((await this.ds.query(`SELECT id FROM member WHERE id IN (${ids.map(() => '?').join(',')})`, ids) as { id: number | string }[]).map((r) => Number(r.id)));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new BadInputError(`no member(s) ${missing.slice(0, 20).join(', ')}`, [{ field: 'memberIds', message: `unknown: ${missing.slice(0, 20).join(', ')}` }]);

    const created = await this.enter(flowId, version.id, start.id, ids);
    const enrolled = new Set(created.map((e) => e.memberId));
    return { flowVersion: version.version, enrolled: ids.filter((id) => enrolled.has(id)), alreadyEnrolled: ids.filter((id) => !enrolled.has(id)) };
  }

  /**
   * Enrolls members into a flow version at a start node, set-based; members already on their way
   * through that version are skipped (the unique active key decides). Queues the first steps of the
   * enrollments made here, with what triggered them, and returns them.
   */
  async enter(flowId: number, versionId: number, startNodeId: string, memberIds: number[], trigger?: Record<string, unknown>): Promise<{ id: number; memberId: number }[]> {
    const key = (memberId: number) => `${versionId}:${memberId}`;
    const now = this.clock.now();
    const repo = this.ds.getRepository(FlowEnrollmentEntity);
    const before = new Set((await repo.find({ select: { memberId: true }, where: { activeKey: In(memberIds.map(key)) } })).map((r) => r.memberId));
    const fresh = memberIds.filter((id) => !before.has(id));
    if (fresh.length) {
      await repo
        .createQueryBuilder()
        .insert()
        .values(fresh.map((memberId) => ({ flowId, flowVersionId: versionId, memberId, status: 'active' as const, currentNodeId: startNodeId, activeKey: key(memberId), enteredAt: now, attempts: 0 })))
        .orIgnore()
        .execute();
    }
    // read back what this request inserted: rows entered now at the trigger (a concurrent request's rows are skipped by the step runner anyway)
    const created = fresh.length ? await repo.find({ select: { id: true, memberId: true }, where: { activeKey: In(fresh.map(key)), currentNodeId: startNodeId, status: 'active', attempts: 0 } }) : [];
    await this.steps.enqueue(created.map((e): StepJob => ({ enrollmentId: e.id, nodeId: startNodeId, ...(trigger ? { trigger } : {}) })));
    return created;
  }

  /**
   * Moves waiting enrollments whose time has come back to active and queues their next step. On
   * MySQL the rows are claimed with SKIP LOCKED, so several workers share the work without overlap.
   */
  async wakeDue(now: Date): Promise<{ woken: number }> {
    let woken = 0;
    for (let i = 0; i < WAKE_BATCHES_PER_RUN; i++) {
      const batch = await this.ds.transaction(async (m) => {
        const skipLocked = isMysql(this.ds) ? ' FOR UPDATE SKIP LOCKED' : '';
        const rows: { id: number | string; current_node_id: string }[] = await m.query(
          `SELECT id, current_node_id FROM flow_enrollment WHERE status = 'waiting' AND wake_at <= ? ORDER BY wake_at, id LIMIT ${WAKE_BATCH}${skipLocked}`,
          // with milliseconds: SQLite compares the stored text, and wake times carry them
          [now.toISOString().slice(0, 23).replace('T', ' ')],
        );
        if (rows.length) await m.getRepository(FlowEnrollmentEntity).update({ id: In(rows.map((r) => Number(r.id))), status: 'waiting' }, { status: 'active', wakeAt: null });
        return rows.map((r): StepJob => ({ enrollmentId: Number(r.id), nodeId: r.current_node_id }));
      });
      await this.steps.enqueue(batch);
      woken += batch.length;
      if (batch.length < WAKE_BATCH) break;
    }
    return { woken };
  }

  /** Every enrollment of the member in the flow, newest first, each with its steps in order. */
  async journey(flowId: number, memberId: number): Promise<JourneyEnrollmentDto[]> {
    if (!(await this.ds.getRepository(FlowEntity).exists({ where: { id: flowId } }))) throw new NotFoundError('flow', flowId);
    const rows = await this.ds.getRepository(FlowEnrollmentEntity).find({ where: { flowId, memberId }, order: { id: 'DESC' } });
    if (!rows.length) return [];
    const versions = await this.ds.getRepository(FlowVersionEntity).find({ select: { id: true, version: true }, where: { id: In([...new Set(rows.map((r) => r.flowVersionId))]) } });
    const number = new Map(versions.map((v) => [v.id, v.version]));
    const logs = await this.ds.getRepository(FlowStepLogEntity).find({ where: { enrollmentId: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } });
    return rows.map((r) => ({
      enrollmentId: r.id,
      flowVersion: number.get(r.flowVersionId) ?? 0,
      status: r.status,
      currentNodeId: r.currentNodeId,
      wakeAt: isoOrNull(r.wakeAt),
      enteredAt: isoOrNull(r.enteredAt)!,
      finishedAt: isoOrNull(r.finishedAt),
      lastError: r.lastError,
      steps: logs.filter((l) => l.enrollmentId === r.id).map((l) => ({ at: isoOrNull(l.at)!, nodeId: l.nodeId, nodeType: l.nodeType, outcome: l.outcome, detail: l.detail })),
    }));
  }
}
