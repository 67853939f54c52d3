import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const SEGMENT_TYPES = ['dynamic', 'static'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

/**
 * A saved audience. Dynamic: whoever matches its rule at the moment asked. Static: the members
 * it was given (a snapshot of a rule, or a list), which do not change by themselves.
 */
@Entity('segment')
@Index('uq_segment__name', ['name'], { unique: true })
export class SegmentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16 })
  type: SegmentType;

  /** The rule tree (dynamic segments; for static ones the rule the snapshot was taken with, if any). */
  @Column({ type: 'simple-json', nullable: true })
  rule: Record<string, unknown> | null;

  /** Dynamic segments only: membership kept current as members change (segment.entered / segment.left events). */
  @Column({ type: 'boolean', default: false })
  tracked: boolean;

  /** When a tracked segment was last checked for members the passing time moves in or out (null until its membership is built). */
  @Column({ type: 'datetime', nullable: true })
  lastSweptAt: Date | null;

  @Column({ type: 'int', nullable: true })
  lastCount: number | null;

  @Column({ type: 'datetime', nullable: true })
  lastCountedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

/** The members of a static segment. */
@Entity('segment_member')
@Index('idx_segment_member__member', ['memberId'])
export class SegmentMemberEntity {
  @Column({ type: 'int', primary: true })
  segmentId: number;

  @Column({ type: 'int', primary: true })
  memberId: number;
}

/** A segment's size over time (one row per count), for the trend line. */
@Entity('segment_count')
@Index('idx_segment_count__segment', ['segmentId', 'countedAt'])
export class SegmentCountEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  segmentId: number;

  @Column({ type: 'int' })
  count: number;

  @Column({ type: 'datetime' })
  countedAt: Date;
}
