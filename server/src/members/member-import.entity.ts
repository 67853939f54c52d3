import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A CSV import of members and how far it got. */
@Entity('member_import')
export class MemberImportEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  status: ImportStatus;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** The uploaded file, kept until the job has run so a worker in another process can read it. */
  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  processed: number;

  @Column({ type: 'int', default: 0 })
  created: number;

  @Column({ type: 'int', default: 0 })
  updated: number;

  @Column({ type: 'int', default: 0 })
  failed: number;

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

/** One problem with one row of an import; good rows import, bad ones land here. */
@Entity('member_import_error')
export class MemberImportErrorEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_member_import_error__import')
  @Column({ type: 'int' })
  importId: number;

  @Column({ type: 'int' })
  rowNumber: number;

  @Column({ type: 'varchar', length: 64 })
  column: string;

  @Column({ type: 'varchar', length: 255 })
  message: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  raw: string | null;
}
