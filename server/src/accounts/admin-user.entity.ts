import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['owner', 'operator', 'store_manager', 'store_staff'] as const;
export type Role = (typeof ROLES)[number];

/** Someone who logs into the admin: brand staff at head office or in a store. */
@Entity('admin_user')
export class AdminUserEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_admin_user__username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 64 })
  displayName: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'datetime', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

/** Which stores a store manager or store staff member works in. */
@Entity('admin_user_store')
export class AdminUserStoreEntity {
  @Column({ type: 'int', primary: true })
  userId: number;

  @Index('idx_admin_user_store__store')
  @Column({ type: 'int', primary: true })
  storeId: number;
}

@Entity('refresh_token')
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_refresh_token__user')
  @Column({ type: 'int' })
  userId: number;

  @Index('uq_refresh_token__token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** All tokens rotated from one login share a family; reuse of a rotated token revokes the family. */
  @Index('idx_refresh_token__family')
  @Column({ type: 'varchar', length: 32 })
  familyId: string;

  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  rotatedAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
