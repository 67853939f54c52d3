import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const GENDERS = ['unknown', 'male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const SOURCE_CHANNELS = ['oa', 'miniapp', 'wecom', 'store', 'import', 'manual', 'api'] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];
export const LIFECYCLE_STAGES = ['prospect', 'new', 'active', 'loyal', 'dormant', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
/** How warm a lead is; set by lead scoring or by staff. */
export const LEAD_STAGES = ['cold', 'warm', 'hot', 'qualified'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
export const CONSENT_CHANNELS = ['oa', 'miniapp', 'wecom', 'sms'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** One person, whatever WeChat surfaces they reach us through. */
@Entity('member')
@Index('idx_member__created', ['createdAt', 'id'])
@Index('idx_member__last_seen', ['lastSeenAt', 'id'])
@Index('idx_member__store_created', ['storeId', 'createdAt'])
export class MemberEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  nickname: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  avatarUrl: string | null;

  @Column({ type: 'varchar', length: 8, default: 'unknown' })
  gender: Gender;

  @Column({ type: 'smallint', nullable: true })
  birthYear: number | null;

  @Column({ type: 'tinyint', nullable: true })
  birthMonth: number | null;

  @Column({ type: 'tinyint', nullable: true })
  birthDay: number | null;

  /** AES-GCM sealed; never leaves the server unmasked. */
  @Column({ type: 'varchar', length: 160, nullable: true })
  phoneEncrypted: string | null;

  @Index('idx_member__phone_hash')
  @Column({ type: 'varchar', length: 64, nullable: true })
  phoneHash: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phoneMasked: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  province: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  city: string | null;

  @Index('idx_member__source_channel')
  @Column({ type: 'varchar', length: 16, default: 'manual' })
  sourceChannel: SourceChannel;

  @Index('idx_member__stage')
  @Column({ type: 'varchar', length: 16, default: 'new' })
  lifecycleStage: LifecycleStage;

  @Column({ type: 'int', default: 0 })
  level: number;

  @Column({ type: 'int', default: 0 })
  points: number;

  /** Lead score from behaviour (higher is warmer). */
  @Index('idx_member__lead_score')
  @Column({ type: 'int', default: 0 })
  leadScore: number;

  @Column({ type: 'varchar', length: 16, nullable: true })
  leadStage: LeadStage | null;

  @Column({ type: 'int', nullable: true })
  storeId: number | null;

  @Column({ type: 'boolean', default: false })
  consentOa: boolean;

  @Column({ type: 'boolean', default: false })
  consentMiniapp: boolean;

  @Column({ type: 'boolean', default: false })
  consentWecom: boolean;

  @Column({ type: 'boolean', default: false })
  consentSms: boolean;

  @Column({ type: 'datetime', nullable: true })
  firstSeenAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  lastSeenAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
