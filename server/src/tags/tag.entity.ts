import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('tag_group')
export class TagGroupEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_tag_group__name', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description: string | null;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

@Entity('tag')
export class TagEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_tag__group')
  @Column({ type: 'int', nullable: true })
  groupId: number | null;

  @Index('uq_tag__name', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16, default: '#409EFF' })
  color: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description: string | null;

  /** Members carrying the tag, kept with every add and remove (counting a big tag row by row is slow). */
  @Column({ type: 'int', default: 0 })
  memberCount: number;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

export const TAG_SOURCES = ['manual', 'import', 'api', 'rule', 'automation', 'wechat'] as const;
export type TagSource = (typeof TAG_SOURCES)[number];

/** A member carries a tag: who or what put it there, and when. */
@Entity('member_tag')
@Index('idx_member_tag__tag_member', ['tagId', 'memberId'])
export class MemberTagEntity {
  @Column({ type: 'int', primary: true })
  memberId: number;

  @Column({ type: 'int', primary: true })
  tagId: number;

  @Column({ type: 'varchar', length: 16 })
  source: TagSource;

  @Column({ type: 'int', nullable: true })
  addedByUserId: number | null;

  /** Display name of the person or process (e.g. "alice", "import #12"). */
  @Column({ type: 'varchar', length: 64 })
  addedBy: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
