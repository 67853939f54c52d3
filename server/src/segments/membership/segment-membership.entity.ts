import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The current members of a tracked dynamic segment. Kept up to date as members change (and as
 * time passes, by the sweep); every row added or removed is a segment.entered / segment.left event.
 */
@Entity('segment_membership')
@Index('idx_segment_membership__member', ['memberId'])
export class SegmentMembershipEntity {
  @Column({ type: 'int', primary: true })
  segmentId: number;

  @Column({ type: 'int', primary: true })
  memberId: number;

  /** When the member entered (milliseconds: it names this stay in the events' dedupe keys). */
  @Column({ type: 'datetime', precision: 3 })
  enteredAt: Date;
}

/**
 * Members waiting to be re-evaluated, with what changed about them (`tag:12`, `event:pay.paid`…).
 * One row per member and kind of change, so a burst of changes waits as one; a drain job claims
 * rows by id and evaluates each member once.
 */
@Entity('segment_evaluation_pending')
@Index('uq_segment_evaluation_pending__member_read', ['memberId', 'readKey'], { unique: true })
export class SegmentEvaluationPendingEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 128 })
  readKey: string;
}
