import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ENROLLMENT_STATUSES = ['active', 'waiting', 'completed', 'exited', 'failed'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** A member's way through one published flow version: where they are, and whether they are waiting. */
@Entity('flow_enrollment')
@Index('uq_flow_enrollment__active_key', ['activeKey'], { unique: true })
@Index('idx_flow_enrollment__status_wake', ['status', 'wakeAt'])
@Index('idx_flow_enrollment__flow_member', ['flowId', 'memberId'])
export class FlowEnrollmentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  flowId: number;

  @Column({ type: 'int' })
  flowVersionId: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: EnrollmentStatus;

  /** The node whose step runs next (for a waiting member, once `wakeAt` has passed). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  currentNodeId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  wakeAt: Date | null;

  /**
   * `<versionId>:<memberId>` while the enrollment is unfinished, NULL after: the unique index makes a
   * second unfinished enrollment of a member in a version impossible (NULLs never collide).
   */
  @Column({ type: 'varchar', length: 32, nullable: true })
  activeKey: string | null;

  @Column({ type: 'datetime', precision: 3 })
  enteredAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;

  /** steps run so far */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;
}

/** One step of an enrollment: the node, what came of it (the port taken, a wait, the end) and its detail. */
@Entity('flow_step_log')
@Index('idx_flow_step_log__enrollment', ['enrollmentId', 'id'])
export class FlowStepLogEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  enrollmentId: number;

  @Column({ type: 'varchar', length: 64 })
  nodeId: string;

  @Column({ type: 'varchar', length: 64 })
  nodeType: string;

  /** the port followed, or `waiting`, `completed`, `exited`, `failed` */
  @Column({ type: 'varchar', length: 32 })
  outcome: string;

  @Column({ type: 'json', nullable: true })
  detail: Record<string, unknown> | null;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;
}
