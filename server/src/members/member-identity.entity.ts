import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const IDENTITY_TYPES = ['oa_openid', 'mp_openid', 'unionid', 'wecom_external_userid', 'phone'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

/** A way WeChat (or a phone) names a member. One value belongs to one member per type and app. */
@Entity('member_identity')
@Index('uq_member_identity__value', ['type', 'appId', 'value'], { unique: true })
export class MemberIdentityEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_member_identity__member')
  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 32 })
  type: IdentityType;

  /** appid / corpid the identity is scoped to; '' for unionid and phone (brand-wide). */
  @Column({ type: 'varchar', length: 64, default: '' })
  appId: string;

  /** The openid / unionid / external_userid, or for phones their lookup hash. */
  @Column({ type: 'varchar', length: 128 })
  value: string;

  /**
   * Consent given through this identity (following this OA, using this mini-program, adding staff
   * on WeCom, a phone for SMS); null until the channel has said.
   */
  @Column({ type: 'boolean', nullable: true })
  consent: boolean | null;

  @Column({ type: 'datetime', nullable: true })
  consentAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
