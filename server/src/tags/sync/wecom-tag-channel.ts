import { Injectable } from '@nestjs/common';
import { MembersService } from '../../members/members.service';
import { WecomApiService } from '../../wechat/wecom/wecom-api.service';
import { WecomContactsService } from '../../wechat/wecom/wecom-contacts.service';
import { WechatApiError } from '../../wechat/wechat-http';
import { WechatTagDto } from './tag-sync.dto';
import { LinkedAccount, WechatTagChannel } from './wechat-tag-channel';

/** Tags the product creates in WeCom go into this corp tag group. */
export const WECOM_TAG_GROUP = 'SCRM';
/** errcode 40071: a corp tag with that name already exists. */
const NAME_TAKEN = 40071;

/** The corp tags a customer carries, from any staff member's view of them (externalcontact/get). */
export function corpTagIds(detail: { follow_user?: { tags?: { tag_id?: string; type: number }[] }[] }): Set<string> {
  return new Set((detail.follow_user ?? []).flatMap((f) => f.tags ?? []).filter((t) => t.type === 1 && t.tag_id).map((t) => t.tag_id!));
}

/**
 * WeCom corp tags, set on a customer through a staff member who serves them (mark_tag needs one),
 * and read back from the customer's detail.
 */
@Injectable()
export class WecomTagChannel implements WechatTagChannel {
  readonly type = 'wecom' as const;

  constructor(
    private readonly api: WecomApiService,
    private readonly contacts: WecomContactsService,
    private readonly members: MembersService,
  ) {}

  async list(account: LinkedAccount): Promise<WechatTagDto[]> {
    const groups = await this.api.getCorpTagList(account.externalId);
    return groups.flatMap((g) => g.tag.filter((t) => !t.deleted).map((t) => ({ id: t.id, name: t.name, group: g.group_name, count: null })));
  }

  async ensure(account: LinkedAccount, name: string): Promise<{ id: string; name: string }> {
    const existing = (await this.list(account)).find((t) => t.name === name && t.group === WECOM_TAG_GROUP);
    if (existing) return { id: existing.id, name: existing.name };
    try {
      const group = await this.api.addCorpTag(account.externalId, { group_name: WECOM_TAG_GROUP, tag: [{ name }] });
      const tag = group.tag.find((t) => t.name === name);
      if (tag) return { id: tag.id, name: tag.name };
    } catch (e) {
      if (!(e instanceof WechatApiError && e.errcode === NAME_TAKEN)) throw e;
    }
    const found = (await this.list(account)).find((t) => t.name === name);
    if (!found) throw new WechatApiError(NAME_TAKEN, `corp tag ${name} could not be created or found`, 'externalcontact/add_corp_tag');
    return { id: found.id, name: found.name };
  }

  async apply(account: LinkedAccount, externalTagId: string, memberIds: number[], add: boolean): Promise<number> {
    let sent = 0;
    for (const memberId of memberIds) {
      const staff = (await this.contacts.staffFollowing(memberId)).filter((r) => r.accountId === account.id);
      // one staff member per customer is enough: corp tags belong to the customer, not the relation
      const seen = new Set<string>();
      for (const r of staff) {
        if (seen.has(r.externalUserId)) continue;
        seen.add(r.externalUserId);
        await this.api.markTag(account.externalId, { userid: r.staffUserId, external_userid: r.externalUserId, ...(add ? { add_tag: [externalTagId] } : { remove_tag: [externalTagId] }) });
        sent++;
      }
    }
    return sent;
  }

  async holders(account: LinkedAccount, externalTagId: string): Promise<number[]> {
    const out = new Set<number>();
    for (const r of await this.contacts.activeRelations(account.id)) {
      if (r.memberId == null || out.has(r.memberId)) continue;
      const detail = await this.api.getExternalContact(account.externalId, r.externalUserId);
      if (corpTagIds(detail).has(externalTagId)) out.add(r.memberId);
    }
    return [...out];
  }
}
