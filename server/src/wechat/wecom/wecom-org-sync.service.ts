import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { StoresService } from '../../accounts/stores.service';
import { UsersService } from '../../accounts/users.service';
import { AuditService } from '../../platform/audit/audit.service';
import { AppError, NotFoundError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { JOB_QUEUE, JobContext, JobQueue } from '../../platform/queue/job-queue';
import { ChannelsService } from '../channels/channels.service';
import { WechatApiError } from '../wechat-http';
import { WecomApiService } from './wecom-api.service';
import { Department, DirectoryUser } from './wecom-api.types';
import { SyncRunDto } from './wecom-org.dto';
import { SyncProblem, WecomDepartmentEntity, WecomStaffEntity } from './wecom-org.entity';
import { mergeUsers, staffColumns, storeWithSameName } from './wecom-org-mapping';
import { WecomSyncRunsService } from './wecom-sync-runs.service';

export const SYNC_ORG_JOB = 'wecom.sync_org';

/** The WeCom corp behind a channel account id (404 for anything that is not a WeCom account). */
export async function wecomAccount(channels: ChannelsService, accountId: number): Promise<{ accountId: number; corpId: string }> {
  const c = await channels.get(accountId).catch((e) => {
    if (e instanceof NotFoundError) throw new NotFoundError('WeCom account', accountId);
    throw e;
  });
  if (c.type !== 'wecom' || !c.corpId) throw new NotFoundError('WeCom account', accountId);
  return { accountId, corpId: c.corpId };
}

/**
 * Brings WeCom's departments and staff into wecom_department / wecom_staff: upserts what WeCom
 * lists, marks what it no longer lists as removed, and auto-maps a department to the store with the
 * same name and a member to the admin user whose username is their userid (never over a person's choice).
 */
@Injectable()
export class WecomOrgSyncService implements OnModuleInit {
  private readonly logger = new Logger('WecomOrgSync');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly channels: ChannelsService,
    private readonly api: WecomApiService,
    private readonly runs: WecomSyncRunsService,
    private readonly stores: StoresService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit() {
    this.queue.register<{ runId: number }>(SYNC_ORG_JOB, (ctx) => this.run(ctx), { concurrency: 1, attempts: 3, backoffMs: 2000 });
  }

  async start(accountId: number, actor: AdminPrincipal): Promise<SyncRunDto> {
    await wecomAccount(this.channels, accountId);
    return this.runs.start(accountId, 'org', SYNC_ORG_JOB, actor);
  }

  private async run(ctx: JobContext<{ runId: number }>): Promise<void> {
    const run = await this.runs.load(ctx.data.runId);
    if (run.status === 'done') return;
    const { corpId } = await wecomAccount(this.channels, run.accountId);
    await this.runs.begin(run.id);
    const problems: SyncProblem[] = [];
    const counts = { total: 0, processed: 0, created: 0, updated: 0, removed: 0, failed: 0 };
    try {
      const departments = await this.api.listDepartments(corpId);
      const lists: DirectoryUser[][] = [];
      let complete = true;
      for (const d of departments) {
        try {
          lists.push(await this.api.listUsers(corpId, d.id));
        } catch (e) {
          if (!(e instanceof WechatApiError)) throw e;
          complete = false;
          problems.push({ ref: `department ${d.id}`, message: `could not list its staff: ${e.errcode} ${e.errmsg}` });
          counts.failed++;
        }
      }
      const staff = mergeUsers(lists);
      counts.total = departments.length + staff.length;
      await this.runs.progress(run.id, counts);

      await this.syncDepartments(run.accountId, departments, counts);
      await this.runs.progress(run.id, counts);
      await ctx.updateProgress(50);
      // A department we could not read hides its staff: do not take them for gone.
      await this.syncStaff(run.accountId, staff, counts, complete);
      await this.runs.finish(run.id, counts, problems);
      this.logger.log(`org sync #${run.id} (${corpId}): ${counts.created} new, ${counts.updated} updated, ${counts.removed} removed, ${counts.failed} failed`);
    } catch (e) {
      const message = e instanceof WechatApiError || e instanceof AppError ? e.message : `unexpected: ${(e as Error).message}`;
      await this.runs.fail(run.id, message, counts, problems);
      // WeCom refusing (after the client's own retries) will not change by retrying the job.
      if (!(e instanceof WechatApiError)) throw e;
    }
  }

  private async syncDepartments(accountId: number, incoming: Department[], counts: { processed: number; created: number; updated: number; removed: number }) {
    const stores = await this.stores.all();
    const now = new Date();
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(WecomDepartmentEntity);
      const existing = new Map((await repo.find({ where: { accountId } })).map((d) => [d.deptId, d]));
      for (const d of incoming) {
        const row = existing.get(d.id) ?? repo.create({ accountId, deptId: d.id, storeId: null, storeMappedBy: null, removedAt: null });
        const isNew = row.id === undefined;
        Object.assign(row, { parentId: d.parentid, name: d.name.slice(0, 64), order: d.order ?? 0, syncedAt: now, removedAt: null });
        const autoStore = row.storeMappedBy ? null : storeWithSameName(row.name, stores);
        if (autoStore) Object.assign(row, { storeId: autoStore, storeMappedBy: 'auto' });
        await repo.save(row);
        if (autoStore) await this.audit.record({ action: 'wecom.department.map_store', entityType: 'wecom_department', entityId: row.id, after: { storeId: autoStore, by: 'auto', name: row.name } }, m);
        if (isNew) counts.created++;
        else counts.updated++;
        counts.processed++;
      }
      counts.removed += await this.markRemoved(m, WecomDepartmentEntity, accountId, 'deptId', incoming.map((d) => d.id), now);
    });
  }

  private async syncStaff(accountId: number, incoming: DirectoryUser[], counts: { processed: number; created: number; updated: number; removed: number }, complete: boolean) {
    const admins = new Map((await this.users.findUsers({ usernames: incoming.map((u) => u.userid) })).map((u) => [u.username, u.id]));
    const now = new Date();
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(WecomStaffEntity);
      const existing = new Map((await repo.find({ where: { accountId } })).map((s) => [s.userid, s]));
      for (const u of incoming) {
        const row = existing.get(u.userid) ?? repo.create({ accountId, userid: u.userid, adminUserId: null, adminUserMappedBy: null });
        const isNew = row.id === undefined;
        Object.assign(row, staffColumns(u), { syncedAt: now, removedAt: null });
        const autoAdmin = row.adminUserMappedBy ? undefined : admins.get(u.userid);
        if (autoAdmin) Object.assign(row, { adminUserId: autoAdmin, adminUserMappedBy: 'auto' });
        await repo.save(row);
        if (autoAdmin) await this.audit.record({ action: 'wecom.staff.map_user', entityType: 'wecom_staff', entityId: row.id, after: { adminUserId: autoAdmin, by: 'auto', userid: row.userid } }, m);
        if (isNew) counts.created++;
        else counts.updated++;
        counts.processed++;
      }
      if (complete) counts.removed += await this.markRemoved(m, WecomStaffEntity, accountId, 'userid', incoming.map((u) => u.userid), now);
    });
  }

  /** Marks rows of this account that WeCom did not list as removed; says how many. */
  private async markRemoved<K extends 'deptId' | 'userid'>(
    m: EntityManager,
    entity: typeof WecomDepartmentEntity | typeof WecomStaffEntity,
    accountId: number,
    key: K,
    present: (string | number)[],
    now: Date,
  ): Promise<number> {
    const where: Record<string, unknown> = { accountId, removedAt: IsNull() };
    if (present.length) where[key] = Not(In(present));
    const res = await m.getRepository(entity).update(where, { removedAt: now });
    return res.affected ?? 0;
  }
}
