import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const AUTO_REPLY_TRIGGERS = ['subscribe', 'keyword', 'message'] as const;
export type AutoReplyTrigger = (typeof AUTO_REPLY_TRIGGERS)[number];
export const KEYWORD_MATCHES = ['exact', 'contains'] as const;
export type KeywordMatch = (typeof KEYWORD_MATCHES)[number];

/**
 * What the OA answers at once, in the push's own reply (被动回复): a welcome on follow, an answer to
 * a keyword, or a fallback to any other message. Flows can ask for replies the same way later.
 */
@Entity('oa_auto_reply')
@Index('idx_oa_auto_reply__trigger', ['trigger', 'enabled'])
export class OaAutoReplyEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** One OA account, or null for every OA account of the brand. */
  @Column({ type: 'int', nullable: true })
  accountId: number | null;

  @Column({ type: 'varchar', length: 16 })
  trigger: AutoReplyTrigger;

  @Column({ type: 'varchar', length: 30, nullable: true })
  keyword: string | null;

  @Column({ type: 'varchar', length: 16, default: 'exact' })
  match: KeywordMatch;

  /** The text sent back (WeChat shows it as a normal message from the OA). */
  @Column({ type: 'varchar', length: 600 })
  reply: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
