import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Something a member did or that happened to them, from any channel. The dedupe key makes WeChat's
 * retries and our own reprocessing land on the same row instead of a second event.
 */
@Entity('event')
@Index('idx_event__member_time', ['memberId', 'occurredAt'])
// member_id last: "who did X in this window" (segment rules, the membership sweep) reads the index alone
@Index('idx_event__type_time_member', ['type', 'occurredAt', 'memberId'])
export class EventEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** Set once the event is resolved to a member (callbacks resolve in a background job). */
  @Column({ type: 'int', nullable: true })
  memberId: number | null;

  /** The channel account it came through, if any. */
  @Column({ type: 'int', nullable: true })
  accountId: number | null;

  /** oa, wecom, miniapp, pay, api, system */
  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Index('uq_event__dedupe_key', { unique: true })
  @Column({ type: 'varchar', length: 191 })
  dedupeKey: string;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'simple-json' })
  properties: Record<string, unknown>;

  /** Who the event is about before resolution: {type: 'oa_openid', appId, value} etc. */
  @Column({ type: 'simple-json', nullable: true })
  subject: { type: string; appId: string; value: string } | null;

  /** The payload as received (decrypted), kept for audit and reprocessing. */
  @Column({ type: 'text', nullable: true })
  raw: string | null;

  /** received → resolved (member known) | failed */
  @Column({ type: 'varchar', length: 16, default: 'received' })
  status: string;

  @CreateDateColumn({ type: 'datetime' })
  receivedAt: Date;
}
