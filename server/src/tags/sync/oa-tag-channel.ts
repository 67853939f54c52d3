import { Injectable } from '@nestjs/common';
import { MembersService } from '../../members/members.service';
import { OaApiService } from '../../wechat/oa/oa-api.service';
import { WechatApiError } from '../../wechat/wechat-http';
import { WechatTagDto } from './tag-sync.dto';
import { LinkedAccount, WechatTagChannel } from './wechat-tag-channel';

/** errcode 45157: a tag with that name exists; 49003: an openid is not (or no longer) a follower. */
const NAME_TAKEN = 45157;
const NOT_A_FOLLOWER = 49003;

/** OA user tags (tags/*, user/tag/get), reached through the members' OA openids. */
@Injectable()
export class OaTagChannel implements WechatTagChannel {
  readonly type = 'oa' as const;

  constructor(
    private readonly oa: OaApiService,
    private readonly members: MembersService,
  ) {}

  async list(account: LinkedAccount): Promise<WechatTagDto[]> {
    return (await this.oa.listTags(account.externalId)).map((t) => ({ id: String(t.id), name: t.name, group: null, count: t.count }));
  }

  async ensure(account: LinkedAccount, name: string): Promise<{ id: string; name: string }> {
    try {
      const t = await this.oa.createTag(account.externalId, name.slice(0, 30));
      return { id: String(t.id), name: t.name };
    } catch (e) {
      if (!(e instanceof WechatApiError && e.errcode === NAME_TAKEN)) throw e;
      const found = (await this.list(account)).find((t) => t.name === name.slice(0, 30));
      if (!found) throw e;
      return { id: found.id, name: found.name };
    }
  }

  async apply(account: LinkedAccount, externalTagId: string, memberIds: number[], add: boolean): Promise<number> {
    const byMember = await this.members.identityValues(memberIds, 'oa_openid', account.externalId);
    // Someone who unfollowed cannot be tagged (WeChat refuses the whole batch), so only followers go.
    const openids = [...byMember.values()].flat().filter((i) => i.consent !== false).map((i) => i.value);
    if (!openids.length) return 0;
    try {
      await this.oa.tagFollowers(account.externalId, Number(externalTagId), openids, add);
      return openids.length;
    } catch (e) {
      if (!(e instanceof WechatApiError && e.errcode === NOT_A_FOLLOWER)) throw e;
      let sent = 0;
      for (const openid of openids) {
        try {
          await this.oa.tagFollowers(account.externalId, Number(externalTagId), [openid], add);
          sent++;
        } catch (one) {
          if (!(one instanceof WechatApiError && one.errcode === NOT_A_FOLLOWER)) throw one;
        }
      }
      return sent;
    }
  }

  async holders(account: LinkedAccount, externalTagId: string): Promise<number[]> {
    const openids = await this.oa.followersWithTag(account.externalId, Number(externalTagId));
    return [...new Set((await this.members.membersByIdentity('oa_openid', account.externalId, openids)).values())];
  }
}
