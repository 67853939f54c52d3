import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { JOB_QUEUE, JobContext, JobQueue } from '../../platform/queue/job-queue';
import { isoOrNull } from '../../platform/time/time';
import { ChannelsService } from '../../wechat/channels/channels.service';
import { TagActor, TagChange, TagsService } from '../tags.service';
import { OaTagChannel } from './oa-tag-channel';
import { TagChannelLinkEntity } from './tag-channel-link.entity';
import { CreateTagLinkDto, TagLinkDto, WechatTagDto } from './tag-sync.dto';
import { LinkedAccount, WechatTagChannel } from './wechat-tag-channel';

export const TAG_PUSH_JOB = 'tags.push_to_wechat';
export const TAG_RECONCILE_JOB = 'tags.reconcile_link';
const PUSH_CHUNK = 1000;
const PUSH_ATTEMPTS = 4;

/**
 * Keeps our tags and linked WeChat tags (OA user tags, WeCom corp tags) in step. Our changes go out
 * as jobs; theirs come in tagged with the account they came from, which is never echoed back to,
 * and a change that is already true on the other side changes nothing — so no ping-pong.
 */
@Injectable()
export class TagSyncService implements OnModuleInit {
  private readonly logger = new Logger('TagSync');
  private readonly channels = new Map<string, WechatTagChannel>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly tags: TagsService,
    private readonly accounts: ChannelsService,
    private readonly audit: AuditService,
    oa: OaTagChannel,
  ) {
    this.channels.set(oa.type, oa);
  }

  onModuleInit() {
    this.tags.onChange((change) => {
      this.onTagChange(change).catch((e) => this.logger.error(`could not queue the WeChat side of a tag change: ${(e as Error).message}`));
    });
    this.queue.register<{ linkId: number; action: 'add' | 'remove'; memberIds: number[] }>(TAG_PUSH_JOB, (ctx) => this.push(ctx), {
      concurrency: 2,
      attempts: PUSH_ATTEMPTS,
      backoffMs: 1000,
    });
    this.queue.register<{ linkId: number }>(TAG_RECONCILE_JOB, (ctx) => this.reconcile(ctx.data.linkId), { concurrency: 1, attempts: 3, backoffMs: 5000 });
  }

  /** Another channel kind (WeCom) plugs in here. */
  registerChannel(channel: WechatTagChannel): void {
    this.channels.set(channel.type, channel);
  }

  async links(tagId: number): Promise<TagLinkDto[]> {
    await this.tags.getTag(tagId);
    return (await this.ds.getRepository(TagChannelLinkEntity).find({ where: { tagId }, order: { id: 'ASC' } })).map(toDto);
  }

  async linksOfAccount(accountId: number): Promise<TagChannelLinkEntity[]> {
    return this.ds.getRepository(TagChannelLinkEntity).find({ where: { accountId } });
  }

  async wechatTags(accountId: number): Promise<WechatTagDto[]> {
    const account = await this.account(accountId);
    return this.channel(account).list(account);
  }

  async link(tagId: number, dto: CreateTagLinkDto, actor: AdminPrincipal): Promise<TagLinkDto> {
    const tag = await this.tags.getTag(tagId);
    const account = await this.account(dto.accountId);
    const repo = this.ds.getRepository(TagChannelLinkEntity);
    if (await repo.exists({ where: { tagId, accountId: account.id } })) throw new ConflictError('accountId', `tag ${tagId} is already linked to account ${account.id}`);
    const channel = this.channel(account);
    let external: { id: string; name: string };
    if (dto.externalTagId) {
      const found = (await channel.list(account)).find((t) => t.id === dto.externalTagId);
      if (!found) throw new BadInputError(`account ${account.id} has no tag ${dto.externalTagId}`, [{ field: 'externalTagId', message: 'no such tag on the WeChat account' }]);
      external = found;
    } else {
      external = await channel.ensure(account, tag.name);
    }
    if (await repo.exists({ where: { accountId: account.id, externalTagId: external.id } })) {
      throw new ConflictError('externalTagId', `WeChat tag ${external.name} is already linked to another tag`);
    }
    const row = await this.ds.transaction(async (m) => {
      const saved = await m.getRepository(TagChannelLinkEntity).save(
        m.getRepository(TagChannelLinkEntity).create({ tagId, accountId: account.id, channelType: account.type, externalTagId: external.id, externalName: external.name }),
      );
      await this.audit.record({ action: 'tag.link', entityType: 'tag', entityId: tagId, after: { accountId: account.id, externalTagId: external.id, externalName: external.name } }, m);
      return saved;
    });
    await this.queue.enqueue(TAG_RECONCILE_JOB, { linkId: row.id }, { jobId: `tag-reconcile-${row.id}-${Date.now()}` });
    this.logger.log(`tag ${tagId} linked to ${account.type} ${account.externalId} tag ${external.id} (${actor.username})`);
    return toDto(row);
  }

  async unlink(tagId: number, linkId: number): Promise<void> {
    const row = await this.ds.getRepository(TagChannelLinkEntity).findOne({ where: { id: linkId, tagId } });
    if (!row) throw new NotFoundError('tag link', linkId);
    await this.ds.transaction(async (m) => {
      await m.getRepository(TagChannelLinkEntity).delete({ id: linkId });
      await this.audit.record({ action: 'tag.unlink', entityType: 'tag', entityId: tagId, before: toDto(row) }, m);
    });
  }

  /** Queues a full two-way pass over a link (after linking, or when an operator asks). */
  async requestSync(tagId: number, linkId: number): Promise<TagLinkDto> {
    const row = await this.ds.getRepository(TagChannelLinkEntity).findOne({ where: { id: linkId, tagId } });
    if (!row) throw new NotFoundError('tag link', linkId);
    await this.queue.enqueue(TAG_RECONCILE_JOB, { linkId }, { jobId: `tag-reconcile-${linkId}-${Date.now()}` });
    return toDto(row);
  }

  /** A linked WeChat tag was renamed or deleted there: the link shows it (a deleted one stops working). */
  async externalTagChanged(accountId: number, externalTagId: string, change: 'update' | 'delete'): Promise<void> {
    const repo = this.ds.getRepository(TagChannelLinkEntity);
    const link = await repo.findOne({ where: { accountId, externalTagId } });
    if (!link) return;
    if (change === 'delete') {
      await repo.update({ id: link.id }, { lastError: 'the WeChat tag was deleted there; link another one or unlink' });
      return;
    }
    const account = await this.account(accountId);
    const now = (await this.channel(account).list(account)).find((t) => t.id === externalTagId);
    if (now) await repo.update({ id: link.id }, { externalName: now.name.slice(0, 64) });
  }

  /** What WeChat says a member carries now, for one account's linked tags: applied here. */
  async applyFromWechat(accountId: number, memberId: number, externalTagIds: Set<string>, actorName: string): Promise<void> {
    const links = await this.linksOfAccount(accountId);
    if (!links.length) return;
    const carried = new Set((await this.tags.memberTags(memberId)).map((t) => t.id));
    const actor: TagActor = { source: 'wechat', userId: null, name: actorName.slice(0, 64), originAccountId: accountId };
    const add = links.filter((l) => externalTagIds.has(l.externalTagId) && !carried.has(l.tagId)).map((l) => l.tagId);
    const remove = links.filter((l) => !externalTagIds.has(l.externalTagId) && carried.has(l.tagId)).map((l) => l.tagId);
    if (add.length) await this.tags.addToMembers([memberId], add, actor);
    if (remove.length) await this.tags.removeFromMembers([memberId], remove, undefined, actor);
  }

  private async onTagChange(change: TagChange): Promise<void> {
    const links = await this.ds.getRepository(TagChannelLinkEntity).find({ where: { tagId: In(change.tagIds) } });
    for (const link of links) {
      if (link.accountId === change.actor.originAccountId) continue; // it came from there
      for (let i = 0; i < change.memberIds.length; i += PUSH_CHUNK) {
        // A short delay lets the transaction that made the change commit before the job reads it.
        await this.queue.enqueue(TAG_PUSH_JOB, { linkId: link.id, action: change.action, memberIds: change.memberIds.slice(i, i + PUSH_CHUNK) }, { delayMs: 200 });
      }
    }
  }

  /**
   * Sends one change to WeChat for members whose tag is (still) as the change says: a member whose
   * change has not committed yet is retried shortly; one whose change was undone meanwhile is left.
   */
  private async push(ctx: JobContext<{ linkId: number; action: 'add' | 'remove'; memberIds: number[] }>): Promise<void> {
    const link = await this.ds.getRepository(TagChannelLinkEntity).findOne({ where: { id: ctx.data.linkId } });
    if (!link) return;
    const account = await this.account(link.accountId);
    const carrying = await this.tags.membersWithTag(link.tagId, ctx.data.memberIds);
    const add = ctx.data.action === 'add';
    const ready = ctx.data.memberIds.filter((id) => carrying.has(id) === add);
    try {
      const sent = ready.length ? await this.channel(account).apply(account, link.externalTagId, ready, add) : 0;
      await this.ds.getRepository(TagChannelLinkEntity).update({ id: link.id }, { lastSyncedAt: new Date(), lastResult: `${add ? 'tagged' : 'untagged'} ${sent}`, lastError: null });
    } catch (e) {
      await this.ds.getRepository(TagChannelLinkEntity).update({ id: link.id }, { lastError: (e as Error).message.slice(0, 500) });
      throw e;
    }
    const waiting = ctx.data.memberIds.length - ready.length;
    if (waiting && ctx.attempt < PUSH_ATTEMPTS) throw new Error(`${waiting} member(s) not yet ${add ? 'tagged' : 'untagged'} here; trying again`);
  }

  /** Both ways at once: their holders gain our tag, our carriers gain theirs. */
  async reconcile(linkId: number): Promise<{ pulled: number; pushed: number } | null> {
    const link = await this.ds.getRepository(TagChannelLinkEntity).findOne({ where: { id: linkId } });
    if (!link) return null;
    const account = await this.account(link.accountId);
    const channel = this.channel(account);
    try {
      const theirs = new Set(await channel.holders(account, link.externalTagId));
      const ours = new Set(await this.tags.allMembersWithTag(link.tagId));
      const pull = [...theirs].filter((id) => !ours.has(id));
      const push = [...ours].filter((id) => !theirs.has(id));
      if (pull.length) await this.tags.addToMembers(pull, [link.tagId], { source: 'wechat', userId: null, name: `${account.type}:${account.name}`.slice(0, 64), originAccountId: account.id });
      const pushed = push.length ? await channel.apply(account, link.externalTagId, push, true) : 0;
      const result = { pulled: pull.length, pushed };
      await this.ds.getRepository(TagChannelLinkEntity).update({ id: link.id }, { lastSyncedAt: new Date(), lastResult: `pulled ${result.pulled}, pushed ${result.pushed}`, lastError: null });
      return result;
    } catch (e) {
      await this.ds.getRepository(TagChannelLinkEntity).update({ id: link.id }, { lastError: (e as Error).message.slice(0, 500) });
      throw e;
    }
  }

  private async account(id: number): Promise<LinkedAccount> {
    const a = await this.accounts.get(id);
    if (a.type !== 'oa' && a.type !== 'wecom') {
      throw new BadInputError(`account ${id} is a ${a.type} account; tags live on Official Accounts and WeCom`, [{ field: 'accountId', message: 'not an OA or WeCom account' }]);
    }
    return { id: a.id, type: a.type, name: a.name, externalId: (a.type === 'oa' ? a.appId : a.corpId) ?? '' };
  }

  private channel(account: LinkedAccount): WechatTagChannel {
    const c = this.channels.get(account.type);
    if (!c) throw new BadInputError(`tags cannot be synced with ${account.type} accounts yet`, [{ field: 'accountId', message: 'unsupported account type' }]);
    return c;
  }
}

function toDto(r: TagChannelLinkEntity): TagLinkDto {
  return {
    id: r.id,
    tagId: r.tagId,
    accountId: r.accountId,
    channelType: r.channelType,
    externalTagId: r.externalTagId,
    externalName: r.externalName,
    lastSyncedAt: isoOrNull(r.lastSyncedAt),
    lastResult: r.lastResult,
    lastError: r.lastError,
  };
}
