import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CHANNEL_TYPES = ['oa', 'miniapp', 'wecom', 'pay'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/**
 * A WeChat account the brand connects: an Official Account, a mini-program, a WeCom corp (its
 * self-built app) or a WeChat Pay merchant. Secrets are sealed with the SecretBox and never leave
 * the server in full.
 */
@Entity('channel_account')
@Index('uq_channel_account__external_id', ['type', 'externalId'], { unique: true })
export class ChannelAccountEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  type: ChannelType;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** What WeChat calls the account: appid (oa, miniapp), corpid (wecom), mchid (pay). */
  @Column({ type: 'varchar', length: 64 })
  externalId: string;

  /** WeCom self-built app's AgentId. */
  @Column({ type: 'int', nullable: true })
  agentId: number | null;

  /** AppSecret / WeCom app Secret (sealed). */
  @Column({ type: 'varchar', length: 512, nullable: true })
  secretSealed: string | null;

  /** Callback Token (sealed). */
  @Column({ type: 'varchar', length: 512, nullable: true })
  tokenSealed: string | null;

  /** Callback EncodingAESKey (sealed). */
  @Column({ type: 'varchar', length: 512, nullable: true })
  aesKeySealed: string | null;

  /** WeChat Pay APIv3 key (sealed). */
  @Column({ type: 'varchar', length: 512, nullable: true })
  apiV3KeySealed: string | null;

  /** WeChat Pay merchant API private key, PEM (sealed). */
  @Column({ type: 'text', nullable: true })
  privateKeySealed: string | null;

  /** Serial number of the merchant API certificate. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  certSerialNo: string | null;

  /** WeChat Pay platform public key (PEM) and its id/serial, for checking notify signatures. */
  @Column({ type: 'text', nullable: true })
  platformPublicKey: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  platformSerialNo: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'datetime', nullable: true })
  lastTestedAt: Date | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  lastTestResult: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

/** Access tokens shared by every process (WeChat allows a limited number of token fetches a day). */
@Entity('channel_access_token')
export class ChannelAccessTokenEntity {
  @Column({ type: 'int', primary: true })
  accountId: number;

  @Column({ type: 'varchar', length: 16, primary: true })
  kind: string;

  @Column({ type: 'varchar', length: 1024 })
  token: string;

  @Column({ type: 'datetime' })
  expiresAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
