import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A member's paid orders summed up (from pay.paid and the other order events the RFM settings name),
 * so RFM rules read one row per member instead of scanning events. Rebuilt from events, never
 * incremented, so a replayed event cannot count twice.
 */
@Entity('member_stats')
@Index('idx_member_stats__last_paid', ['lastPaidAt'])
@Index('idx_member_stats__amount', ['paidAmount'])
export class MemberStatsEntity {
  @PrimaryColumn({ type: 'int' })
  memberId: number;

  @Column({ type: 'int', default: 0 })
  paidCount: number;

  /** fen */
  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  paidAmount: number;

  @Column({ type: 'datetime', nullable: true })
  firstPaidAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  lastPaidAt: Date | null;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

/** The operator's settings for a layer: `rfm` thresholds, `lifecycle` model and stage rules. */
@Entity('segment_layer_config')
export class SegmentLayerConfigEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  layer: string;

  @Column({ type: 'simple-json' })
  value: Record<string, unknown>;

  @Column({ type: 'int', nullable: true })
  updatedBy: number | null;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
