import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { MembersService } from '../../members/members.service';
import { AuditService } from '../../platform/audit/audit.service';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { JOB_QUEUE, JobContext, JobQueue } from '../../platform/queue/job-queue';
import { isoOrNull } from '../../platform/time/time';
import { ChannelAccountEntity } from '../channels/channel-account.entity';
import { WechatApiError } from '../wechat-http';
import { OaApiService, OaUser } from './oa-api.service';
import { FollowerImportDto } from './oa-follower-import.dto';
import { OaFollowerImportEntity } from './oa-follower-import.entity';

export const FOLLOWER_IMPORT_JOB = 'oa.import_followers';
/** user/info/batchget takes at most 100 openids. */
const BATCH = 100;

/**
 * Brings an OA's existing followers in as members: pages through user/get, reads profiles 100 at a
 * time, and resolves each to a member (joined by unionid when WeChat gives one), marking the OA
 * consent on the follower's identity. Safe to run again: known followers are matched, not doubled.
 */
@Injectable()
export class OaFollowerImportService implements OnModuleInit {
  private readonly logger = new Logger('OaFollowerImport');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly oa: OaApiService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit() {
    this.queue.register<{ importId: number }>(FOLLOWER_IMPORT_JOB, (ctx) => this.run(ctx), { concurrency: 1, attempts: 3, backoffMs: 5000 });
  }

  async start(accountId: number, actor: AdminPrincipal): Promise<FollowerImportDto> {
    const account = await this.ds.getRepository(ChannelAccountEntity).findOne({ where: { id: accountId } });
    if (!account) throw new NotFoundError('channel account', accountId);
    if (account.type !== 'oa') throw new BadInputError(`account ${accountId} is a ${account.type} account; followers come from an Official Account`, [{ field: 'accountId', message: 'not an OA account' }]);
    const repo = this.ds.getRepository(OaFollowerImportEntity);
    const running = await repo.findOne({ where: { accountId, status: In(['queued', 'running']) } });
    if (running) throw new ConflictError('accountId', `follower import #${running.id} for this account is still ${running.status}`);
    const row = await this.ds.transaction(async (m) => {
      const saved = await m.getRepository(OaFollowerImportEntity).save(m.getRepository(OaFollowerImportEntity).create({ accountId, status: 'queued', createdBy: actor.id }));
      await this.audit.record({ action: 'oa.followers.import', entityType: 'channel_account', entityId: accountId, after: { importId: saved.id } }, m);
      return saved;
    });
    await this.queue.enqueue(FOLLOWER_IMPORT_JOB, { importId: row.id }, { jobId: `oa-follower-import-${row.id}` });
    return this.status(row.id);
  }

  async status(id: number): Promise<FollowerImportDto> {
    const r = await this.ds.getRepository(OaFollowerImportEntity).findOne({ where: { id } });
    if (!r) throw new NotFoundError('follower import', id);
    return toDto(r);
  }

  async list(accountId: number): Promise<FollowerImportDto[]> {
    return (await this.ds.getRepository(OaFollowerImportEntity).find({ where: { accountId }, order: { id: 'DESC' }, take: 20 })).map(toDto);
  }

  private async run(ctx: JobContext<{ importId: number }>): Promise<void> {
    const repo = this.ds.getRepository(OaFollowerImportEntity);
    const row = await repo.findOne({ where: { id: ctx.data.importId } });
    if (!row || row.status === 'completed' || row.status === 'failed') return;
    const account = await this.ds.getRepository(ChannelAccountEntity).findOne({ where: { id: row.accountId } });
    if (!account) {
      await repo.update({ id: row.id }, { status: 'failed', failure: 'the OA account was deleted', finishedAt: new Date() });
      return;
    }
    await repo.update({ id: row.id }, { status: 'running', startedAt: row.startedAt ?? new Date() });
    try {
      for (;;) {
        const page = await this.oa.followers(account.externalId, row.cursor);
        if (!page.openids.length) break;
        row.total = page.total;
        for (let i = 0; i < page.openids.length; i += BATCH) {
          const users = await this.oa.users(account.externalId, page.openids.slice(i, i + BATCH));
          for (const u of users) await this.bringIn(account.externalId, u, row);
          row.processed += Math.min(BATCH, page.openids.length - i);
          await repo.update({ id: row.id }, { total: row.total, processed: row.processed, created: row.created, matched: row.matched, failed: row.failed });
          await ctx.updateProgress(percentOf(row));
        }
        row.cursor = page.nextOpenid;
        await repo.update({ id: row.id }, { cursor: row.cursor });
        if (!page.nextOpenid) break;
      }
      await repo.update({ id: row.id }, { status: 'completed', finishedAt: new Date(), processed: row.processed });
      this.logger.log(`follower import #${row.id}: ${row.created} new, ${row.matched} known, ${row.failed} failed`);
    } catch (e) {
      // WeChat refusing for good (no permission, bad credentials) will not change on a retry.
      const last = ctx.attempt >= 3 || (e instanceof WechatApiError && !e.retryable);
      await repo.update({ id: row.id }, { failure: (e as Error).message.slice(0, 500), ...(last ? { status: 'failed', finishedAt: new Date() } : {}) });
      if (!last) throw e;
    }
  }

  private async bringIn(appId: string, u: OaUser, row: OaFollowerImportEntity): Promise<void> {
    if (!u.subscribed || !u.openid) return;
    const subject = { type: 'oa_openid' as const, appId, value: u.openid };
    try {
      const { member, created } = await this.members.resolveIdentity(subject, { unionid: u.unionid, source: 'oa', consent: { oa: true } });
      await this.members.setIdentityConsent(subject, true, u.subscribedAt ?? new Date());
      if (created) row.created++;
      else {
        row.matched++;
        if (u.unionid) await this.members.claimUnionid(member.id, u.unionid);
      }
    } catch (e) {
      row.failed++;
      this.logger.warn(`follower ${u.openid}: ${(e as Error).message}`);
    }
  }
}

function percentOf(r: OaFollowerImportEntity): number {
  if (r.status === 'completed') return 100;
  return r.total ? Math.min(99, Math.floor((r.processed / r.total) * 100)) : 0;
}

function toDto(r: OaFollowerImportEntity): FollowerImportDto {
  return {
    id: r.id,
    accountId: r.accountId,
    status: r.status,
    percent: percentOf(r),
    total: r.total,
    processed: Math.min(r.processed, r.total || r.processed),
    created: r.created,
    matched: r.matched,
    failed: r.failed,
    failure: r.failure,
    startedAt: isoOrNull(r.startedAt),
    finishedAt: isoOrNull(r.finishedAt),
    createdAt: isoOrNull(r.createdAt) ?? '',
  };
}
