import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MERGE_REASONS = ['unionid', 'phone'] as const;
export type MergeReason = (typeof MERGE_REASONS)[number];

/**
 * Two member records found to be one person (they share a strong identifier) and joined into the
 * older one. The snapshot holds everything needed to split them again: the absorbed member's row
 * and what each part of the system moved.
 */
@Entity('member_merge')
@Index('idx_member_merge__kept', ['keptMemberId'])
@Index('idx_member_merge__merged', ['mergedMemberId'])
export class MemberMergeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The member that remains (the older record). */
  @Column({ type: 'int' })
  keptMemberId: number;

  /** The member absorbed into it (its row is gone until the merge is undone). */
  @Column({ type: 'int' })
  mergedMemberId: number;

  @Column({ type: 'varchar', length: 16 })
  reason: MergeReason;

  /** The shared identifier, as shown to operators (a unionid, or a masked phone). */
  @Column({ type: 'varchar', length: 128 })
  identifier: string;

  /** The identities that moved to the kept member, as shown to operators. */
  @Column({ type: 'simple-json' })
  identitiesMoved: { type: string; appId: string; value: string }[];

  @Column({ type: 'int', default: 0 })
  eventsMoved: number;

  /** What to restore on undo: the absorbed row, and each participant's record of what it moved. */
  @Column({ type: 'simple-json' })
  snapshot: Record<string, unknown>;

  @Column({ type: 'int', nullable: true })
  mergedByUserId: number | null;

  @Column({ type: 'varchar', length: 64 })
  mergedBy: string;

  @CreateDateColumn({ type: 'datetime' })
  mergedAt: Date;

  @Column({ type: 'datetime', nullable: true })
  undoneAt: Date | null;

  @Column({ type: 'int', nullable: true })
  undoneByUserId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  undoneBy: string | null;
}
