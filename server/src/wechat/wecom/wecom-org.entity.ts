import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Whether a mapping was made by the sync (same name / same username) or by a person; people win. */
export type MappingSource = 'auto' | 'manual';

/** A WeCom department as last synced, and the store it stands for. */
@Entity('wecom_department')
@Index('uq_wecom_department__account_dept', ['accountId', 'deptId'], { unique: true })
export class WecomDepartmentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** the wecom channel account */
  @Column({ type: 'int' })
  accountId: number;

  /** WeCom's department id */
  @Column({ type: 'int' })
  deptId: number;

  @Column({ type: 'int' })
  parentId: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** WeCom's sort order (higher first) */
  @Column({ type: 'int', default: 0 })
  order: number;

  @Index('idx_wecom_department__store')
  @Column({ type: 'int', nullable: true })
  storeId: number | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  storeMappedBy: MappingSource | null;

  @Column({ type: 'datetime' })
  syncedAt: Date;

  /** set when the department no longer came back from WeCom */
  @Column({ type: 'datetime', nullable: true })
  removedAt: Date | null;
}

/** A WeCom staff member (成员) as last synced, and the admin user they log in as. */
@Entity('wecom_staff')
@Index('uq_wecom_staff__account_userid', ['accountId', 'userid'], { unique: true })
export class WecomStaffEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  accountId: number;

  /** WeCom userid */
  @Column({ type: 'varchar', length: 64 })
  userid: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  position: string | null;

  /** only the masked form is kept (138****8001) */
  @Column({ type: 'varchar', length: 20, nullable: true })
  mobileMasked: string | null;

  /** WeCom department ids */
  @Column({ type: 'simple-json' })
  departmentIds: number[];

  /** the departments (of departmentIds) this member leads */
  @Column({ type: 'simple-json' })
  leaderDepartmentIds: number[];

  /** WeCom status: 1 active, 2 disabled, 4 not activated, 5 left */
  @Column({ type: 'int' })
  status: number;

  @Index('idx_wecom_staff__admin_user')
  @Column({ type: 'int', nullable: true })
  adminUserId: number | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  adminUserMappedBy: MappingSource | null;

  @Column({ type: 'datetime' })
  syncedAt: Date;

  @Column({ type: 'datetime', nullable: true })
  removedAt: Date | null;
}

export const SYNC_KINDS = ['org', 'contacts'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];
export const SYNC_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export interface SyncProblem {
  /** what it was about: a department, userid or external_userid */
  ref: string;
  message: string;
}

/** One run of a WeCom sync (organisation or customers): its progress and what went wrong. */
@Entity('wecom_sync_run')
@Index('idx_wecom_sync_run__account_kind', ['accountId', 'kind', 'id'])
export class WecomSyncRunEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  accountId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: SyncKind;

  @Column({ type: 'varchar', length: 16 })
  status: SyncStatus;

  /** items to go through, once known */
  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  processed: number;

  @Column({ type: 'int', default: 0 })
  created: number;

  @Column({ type: 'int', default: 0 })
  updated: number;

  @Column({ type: 'int', default: 0 })
  removed: number;

  @Column({ type: 'int', default: 0 })
  failed: number;

  /** per-item problems (the first ones; `failed` counts them all) */
  @Column({ type: 'simple-json' })
  errors: SyncProblem[];

  /** why the whole run stopped, if it did */
  @Column({ type: 'varchar', length: 500, nullable: true })
  failure: string | null;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @Column({ type: 'datetime', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
