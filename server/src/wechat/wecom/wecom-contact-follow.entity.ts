import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A staff member serving a customer on WeCom (客户联系): who added whom, when, through what, and whether it still holds. */
@Entity('wecom_contact_follow')
@Index('uq_wecom_contact_follow__account_ext_staff', ['accountId', 'externalUserId', 'staffUserId'], { unique: true })
@Index('idx_wecom_contact_follow__member', ['memberId', 'addedAt'])
@Index('idx_wecom_contact_follow__staff', ['accountId', 'staffUserId'])
export class WecomContactFollowEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  accountId: number;

  @Column({ type: 'varchar', length: 64 })
  externalUserId: string;

  /** WeCom userid of the staff member */
  @Column({ type: 'varchar', length: 64 })
  staffUserId: string;

  @Column({ type: 'int', nullable: true })
  memberId: number | null;

  /** the 「联系我」/ acquisition-link state the customer came through */
  @Column({ type: 'varchar', length: 64, nullable: true })
  state: string | null;

  /** WeCom add_way (1 scanned a QR code, 202 assigned by an admin, …) */
  @Column({ type: 'int', nullable: true })
  addWay: number | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  remark: string | null;

  @Column({ type: 'datetime', nullable: true })
  addedAt: Date | null;

  /** when the staff member deleted the customer or the customer deleted them */
  @Column({ type: 'datetime', nullable: true })
  removedAt: Date | null;

  /** staff_deleted / customer_deleted */
  @Column({ type: 'varchar', length: 24, nullable: true })
  removedBy: 'staff_deleted' | 'customer_deleted' | null;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
