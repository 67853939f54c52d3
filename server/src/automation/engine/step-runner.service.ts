import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MemberEntity } from '../../members/member.entity';
import { MembersService } from '../../members/members.service';
import { isMysql } from '../../platform/database/data-source';
import { AppError } from '../../platform/errors/app-error';
import { JOB_QUEUE, JobQueue } from '../../platform/queue/job-queue';
import { SegmentsService } from '../../segments/segments.service';
import { TagActor, TagsService } from '../../tags/tags.service';
import { FlowVersionEntity } from '../flows/flow.entity';
import { FlowGraph } from '../flows/flow-graph';
import { nodeType } from '../nodes';
import { StepResult } from '../nodes/node-type';
import { AutomationClock } from './automation-clock';
import { EnrollmentStatus, FlowEnrollmentEntity, FlowStepLogEntity } from './enrollment.entity';
import { findNode, nextNodeId } from './next-node';

export const STEP_JOB = 'automation.step';
const STEP_ATTEMPTS = 3;

export interface StepJob {
  enrollmentId: number;
  /** the node the step is for: a duplicate or stale job (the member has moved on) is skipped */
  nodeId: string;
  /** the first step of an enrollment made by a trigger: what happened (kept in that step's log) */
  trigger?: Record<string, unknown>;
}

export type StepRunResult = { status: 'moved' | 'waiting' | 'completed' | 'exited' | 'failed' } | { status: 'skipped'; reason: string };

const ACTOR: TagActor = { source: 'automation', userId: null, name: 'automation' };

/** A step that cannot run (no executor, missing node): the enrollment fails with this reason. */
class StepFailure extends Error {}

/**
 * Runs one member's step: the node's executor, then, in the same transaction, the step log, the
 * enrollment's move and the executor's database effects. The next step is queued after the commit.
 */
@Injectable()
export class StepRunnerService implements OnModuleInit {
  private readonly logger = new Logger('AutomationSteps');
  private readonly graphs = new Map<number, FlowGraph>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly clock: AutomationClock,
    private readonly tags: TagsService,
    private readonly members: MembersService,
    private readonly segments: SegmentsService,
  ) {}

  onModuleInit() {
    this.queue.register<StepJob>(STEP_JOB, (ctx) => this.run(ctx.data, ctx.attempt >= STEP_ATTEMPTS), { concurrency: 8, attempts: STEP_ATTEMPTS, backoffMs: 1000 });
  }

  /** Queues the steps of enrollments that are active at the given nodes. */
  async enqueue(steps: StepJob[]): Promise<void> {
    if (steps.length) await this.queue.enqueueMany(STEP_JOB, steps.map((data) => ({ data })));
  }

  /** `lastTry`: an unexpected error fails the enrollment instead of leaving it stuck (earlier tries retry). */
  async run(job: StepJob, lastTry = true): Promise<StepRunResult> {
    let next: StepJob | null = null;
    let result: StepRunResult;
    try {
      result = await this.ds.transaction(async (m) => {
        const lock = isMysql(this.ds) ? { mode: 'pessimistic_write' as const } : undefined;
        const e = await m.getRepository(FlowEnrollmentEntity).findOne({ where: { id: job.enrollmentId }, lock });
        if (!e) return { status: 'skipped' as const, reason: 'no such enrollment' };
        if (e.status !== 'active' || e.currentNodeId !== job.nodeId) return { status: 'skipped' as const, reason: `enrollment is ${e.status} at ${e.currentNodeId}` };
        const graph = await this.graph(e.flowVersionId, m);
        const node = findNode(graph, job.nodeId);
        if (!node) throw new StepFailure(`node ${job.nodeId} is not in the flow version`);
        const def = nodeType(node.type);
        if (!def?.execute) throw new StepFailure(`node type ${node.type} has no executor yet`);
        const now = this.clock.now();
        const outcome: StepResult = await def.execute(node.config, {
          enrollmentId: e.id,
          memberId: e.memberId,
          nodeId: node.id,
          now,
          addTags: (ids) => this.tags.addToMembers([e.memberId], ids, ACTOR, m),
          removeTags: (ids) => this.tags.removeFromMembers([e.memberId], ids, m, ACTOR),
          setAttribute: (key, value) => this.updateMember(m, e.memberId, { attributes: { [key]: value } }),
          setLifecycleStage: (stage) => this.updateMember(m, e.memberId, { lifecycleStage: stage as MemberEntity['lifecycleStage'] }),
          matchesRule: (rule) => this.matchesRule(m, e.memberId, rule),
          trigger: job.trigger,
        });
        let status: EnrollmentStatus;
        let to: string | null = null;
        let label: string;
        if ('finish' in outcome) {
          status = outcome.finish;
          label = outcome.finish;
        } else {
          to = nextNodeId(graph, node.id, outcome.port);
          status = !to ? 'completed' : outcome.wakeAt ? 'waiting' : 'active';
          label = outcome.port;
        }
        const finished = status === 'completed' || status === 'exited';
        await logStep(m, { enrollmentId: e.id, nodeId: node.id, nodeType: node.type, outcome: label, detail: outcome.detail ?? null, at: now });
        await m.getRepository(FlowEnrollmentEntity).update(e.id, {
          status,
          currentNodeId: finished ? node.id : to,
          wakeAt: status === 'waiting' && !('finish' in outcome) ? outcome.wakeAt! : null,
          activeKey: finished ? null : e.activeKey,
          finishedAt: finished ? now : null,
          attempts: e.attempts + 1,
        });
        if (status === 'active') next = { enrollmentId: e.id, nodeId: to! };
        return { status: status === 'active' ? ('moved' as const) : status };
      });
    } catch (err) {
      if (!(err instanceof StepFailure) && !lastTry) throw err; // a database or executor error: the job retries
      await this.fail(job, (err as Error).message);
      return { status: 'failed' };
    }
    if (next) await this.enqueue([next]);
    return result;
  }

  /** A member update inside the step's transaction; a value the member cannot take fails the enrollment with the reason. */
  private async updateMember(m: EntityManager, memberId: number, patch: Parameters<MembersService['applyUpdate']>[2]): Promise<void> {
    const member = await m.getRepository(MemberEntity).findOne({ where: { id: memberId } });
    if (!member) throw new StepFailure(`member ${memberId} is gone`);
    await this.members.applyUpdate(m, member, patch).catch(asStepFailure);
  }

  /** The member against a segment rule, now, in the step's transaction (a rule that no longer compiles fails the enrollment). */
  private async matchesRule(m: EntityManager, memberId: number, rule: unknown): Promise<boolean> {
    const where = await this.segments.compile(rule).catch(asStepFailure);
    const rows: unknown[] = await m.query(`SELECT 1 AS hit FROM member m WHERE m.id = ? AND (${where.sql})`, [memberId, ...where.params]);
    return rows.length > 0;
  }

  /** Ends the enrollment as failed, with the reason in the enrollment and in its step log. */
  private async fail(job: StepJob, reason: string): Promise<void> {
    this.logger.warn(`enrollment ${job.enrollmentId} failed at ${job.nodeId}: ${reason}`);
    await this.ds.transaction(async (m) => {
      const e = await m.getRepository(FlowEnrollmentEntity).findOne({ where: { id: job.enrollmentId } });
      if (!e || e.status !== 'active' || e.currentNodeId !== job.nodeId) return;
      const graph = await this.graph(e.flowVersionId, m);
      const now = this.clock.now();
      await logStep(m, { enrollmentId: e.id, nodeId: job.nodeId, nodeType: findNode(graph, job.nodeId)?.type ?? 'unknown', outcome: 'failed', detail: { error: reason }, at: now });
      await m.getRepository(FlowEnrollmentEntity).update(e.id, { status: 'failed', activeKey: null, finishedAt: now, lastError: reason.slice(0, 500), attempts: e.attempts + 1 });
    });
  }

  /** Published versions never change, so their graphs are cached by id. */
  private async graph(versionId: number, m: EntityManager): Promise<FlowGraph> {
    let g = this.graphs.get(versionId);
    if (!g) {
      const v = await m.getRepository(FlowVersionEntity).findOne({ where: { id: versionId } });
      if (!v) throw new StepFailure(`flow version ${versionId} is gone`);
      g = v.graph;
      if (this.graphs.size > 200) this.graphs.clear();
      this.graphs.set(versionId, g);
    }
    return g;
  }
}

/** Client errors (a bad value, a rule gone stale) will not go away on retry: they fail the enrollment at once. */
function asStepFailure(err: unknown): never {
  if (err instanceof AppError && err.status < 500) throw new StepFailure(err.message);
  throw err;
}

function logStep(m: EntityManager, row: Omit<FlowStepLogEntity, 'id'>): Promise<FlowStepLogEntity> {
  const repo = m.getRepository(FlowStepLogEntity);
  return repo.save(repo.create(row));
}
