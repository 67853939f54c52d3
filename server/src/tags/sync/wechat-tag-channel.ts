import { WechatTagDto } from './tag-sync.dto';

/** The channel account a link points at, as the sync needs it. */
export interface LinkedAccount {
  id: number;
  type: 'oa' | 'wecom';
  name: string;
  /** appid (OA) or corpid (WeCom) */
  externalId: string;
}

/** How one kind of WeChat account keeps tags: listed, created, applied to members, read back. */
export interface WechatTagChannel {
  readonly type: 'oa' | 'wecom';
  list(account: LinkedAccount): Promise<WechatTagDto[]>;
  /** Creates a tag with this name there, or finds the one that already has it. */
  ensure(account: LinkedAccount, name: string): Promise<{ id: string; name: string }>;
  /** Tags (or untags) these members there; members not reachable on the account are skipped. Returns how many were sent. */
  apply(account: LinkedAccount, externalTagId: string, memberIds: number[], add: boolean): Promise<number>;
  /** Our members who carry the tag there now. */
  holders(account: LinkedAccount, externalTagId: string): Promise<number[]>;
}
