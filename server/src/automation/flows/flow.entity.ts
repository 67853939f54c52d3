import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { FlowGraph } from './flow-graph';

export const FLOW_STATUSES = ['draft', 'active', 'paused', 'archived'] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];

/** An automation flow: its working draft, its status, and which published version new members take. */
@Entity('flow')
@Index('uq_flow__name', ['name'], { unique: true })
export class FlowEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: FlowStatus;

  /** The draft being edited; publishing copies it into a new version. */
  @Column({ type: 'json' })
  graph: FlowGraph;

  /** The newest published version (new enrollments take it); null until the first publish. */
  @Column({ type: 'int', nullable: true })
  publishedVersionId: number | null;

  /** The draft's graph was changed after the last publish (or was never published). */
  @Column({ type: 'boolean', default: true })
  unpublishedChanges: boolean;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

/** A published version of a flow: written once, never changed (enrollments keep the version they started on). */
@Entity('flow_version')
@Index('uq_flow_version__flow_version', ['flowId', 'version'], { unique: true })
export class FlowVersionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  flowId: number;

  /** 1, 2, … per flow */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'json' })
  graph: FlowGraph;

  @Column({ type: 'datetime', precision: 3 })
  publishedAt: Date;

  @Column({ type: 'int', nullable: true })
  publishedBy: number | null;
}
