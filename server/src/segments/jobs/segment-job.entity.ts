import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SEGMENT_JOB_KINDS = ['export', 'import', 'snapshot'] as const;
export type SegmentJobKind = (typeof SEGMENT_JOB_KINDS)[number];

export const SEGMENT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type SegmentJobStatus = (typeof SEGMENT_JOB_STATUSES)[number];

/** What the identifier column of an imported file holds; `auto` decides value by value. */
export const IDENTIFIER_KINDS = ['auto', 'memberId', 'phone', 'unionid', 'openid', 'externalUserId'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Why a row matched no member: empty cell, not a valid value of its kind, nobody has it, several members have it. */
export const UNMATCHED_REASONS = ['empty', 'invalid', 'not_found', 'ambiguous'] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

/** What an import was asked to do, kept with the job so a worker in another process can run it. */
export interface SegmentImportOptions {
  fileName: string;
  identifier: IdentifierKind;
  /** The header of the column read, and its position. */
  column: string;
  columnIndex: number;
  /** For a new static segment; absent when adding to an existing one. */
  name?: string;
  description?: string | null;
}

/** A long-running piece of work on a segment (an export to CSV, an import from CSV) and how far it got. */
@Entity('segment_job')
@Index('idx_segment_job__segment', ['segmentId'])
export class SegmentJobEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The segment exported or imported into; for an import that creates one, set when it is created. */
  @Column({ type: 'int', nullable: true })
  segmentId: number | null;

  @Column({ type: 'varchar', length: 16 })
  kind: SegmentJobKind;

  @Column({ type: 'varchar', length: 16 })
  status: SegmentJobStatus;

  /** Members to export, or data rows in the imported file. */
  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  processed: number;

  /** 0–100. */
  @Column({ type: 'int', default: 0 })
  progress: number;

  /** Imports: rows that matched a member / rows that did not. */
  @Column({ type: 'int', default: 0 })
  matched: number;

  @Column({ type: 'int', default: 0 })
  unmatched: number;

  /** Imports: members the segment gained (rows naming a member twice, or one already in it, add nothing). */
  @Column({ type: 'int', default: 0 })
  added: number;

  @Column({ type: 'simple-json', nullable: true })
  options: SegmentImportOptions | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  /** Exports: the CSV's file name under the data directory. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  resultFile: string | null;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Column({ type: 'datetime', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  finishedAt: Date | null;
}

/** A row of an imported file that matched no member, and why. */
@Entity('segment_job_error')
@Index('idx_segment_job_error__job', ['jobId', 'line'])
export class SegmentJobErrorEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  jobId: number;

  /** The line in the file (the header is line 1). */
  @Column({ type: 'int' })
  line: number;

  @Column({ type: 'varchar', length: 255 })
  value: string;

  @Column({ type: 'varchar', length: 16 })
  reason: UnmatchedReason;

  @Column({ type: 'varchar', length: 255 })
  message: string;
}
