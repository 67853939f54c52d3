import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Our tag kept in step with a tag on a WeChat account: an OA user tag or a WeCom corp tag. Tagging
 * a member here tags them there; changes made there (WeCom contact edits, OA tags found on a sync)
 * come back here.
 */
@Entity('tag_channel_link')
@Index('uq_tag_channel_link__tag_account', ['tagId', 'accountId'], { unique: true })
@Index('uq_tag_channel_link__external', ['accountId', 'externalTagId'], { unique: true })
export class TagChannelLinkEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tagId: number;

  /** The OA or WeCom channel account. */
  @Column({ type: 'int' })
  accountId: number;

  @Column({ type: 'varchar', length: 16 })
  channelType: 'oa' | 'wecom';

  /** OA tag id (a number) or WeCom corp tag id (et…). */
  @Column({ type: 'varchar', length: 64 })
  externalTagId: string;

  @Column({ type: 'varchar', length: 64 })
  externalName: string;

  /** Milliseconds kept, so a sync finishing within the same second as the last one still shows. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastSyncedAt: Date | null;

  /** What the last sync did, e.g. "pulled 3, pushed 12". */
  @Column({ type: 'varchar', length: 255, nullable: true })
  lastResult: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
