import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const FOLLOWER_IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type FollowerImportStatus = (typeof FOLLOWER_IMPORT_STATUSES)[number];

/**
 * Bringing in the people who already follow an OA (they followed before the account was connected,
 * so no subscribe push ever reached us): one run, its progress and its outcome.
 */
@Entity('oa_follower_import')
@Index('idx_oa_follower_import__account', ['accountId', 'id'])
export class OaFollowerImportEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  accountId: number;

  @Column({ type: 'varchar', length: 16 })
  status: FollowerImportStatus;

  /** Followers WeChat reports for the account (user/get `total`). */
  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  processed: number;

  /** New members made for followers we did not know. */
  @Column({ type: 'int', default: 0 })
  created: number;

  /** Followers that were already members (now marked as following, joined by unionid where known). */
  @Column({ type: 'int', default: 0 })
  matched: number;

  @Column({ type: 'int', default: 0 })
  failed: number;

  /** The last page's next_openid: a retried job resumes there instead of starting over. */
  @Column({ type: 'varchar', length: 64, default: '' })
  cursor: string;

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
