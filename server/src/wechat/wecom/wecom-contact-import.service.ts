import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { MembersService } from '../../members/members.service';
import { Gender } from '../../members/member.entity';
import { AppError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { JOB_QUEUE, JobContext, JobQueue } from '../../platform/queue/job-queue';
import { ChannelsService } from '../channels/channels.service';
import { WechatApiError } from '../wechat-http';
import { WecomApiService } from './wecom-api.service';
import { ExternalContactDetail } from './wecom-api.types';
import { WecomContactsService } from './wecom-contacts.service';
import { SyncRunDto } from './wecom-org.dto';
import { SyncProblem } from './wecom-org.entity';
import { wecomAccount } from './wecom-org-sync.service';
import { WecomSyncRunsService } from './wecom-sync-runs.service';

export const IMPORT_CONTACTS_JOB = 'wecom.import_contacts';
const PROGRESS_EVERY = 20;
const GENDER: Record<number, Gender> = { 0: 'unknown', 1: 'male', 2: 'female' };

/**
 * The first import of a corp's customers: every customer of every staff member with the
 * customer-contact feature becomes (or joins) a member, with the relations to the staff who serve
 * them. Safe to run again: the same customers land on the same members.
 */
@Injectable()
export class WecomContactImportService implements OnModuleInit {
  private readonly logger = new Logger('WecomContactImport');

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly channels: ChannelsService,
    private readonly api: WecomApiService,
    private readonly runs: WecomSyncRunsService,
    private readonly members: MembersService,
    private readonly contacts: WecomContactsService,
  ) {}

  onModuleInit() {
    this.queue.register<{ runId: number }>(IMPORT_CONTACTS_JOB, (ctx) => this.run(ctx), { concurrency: 1, attempts: 3, backoffMs: 2000 });
  }

  async start(accountId: number, actor: AdminPrincipal): Promise<SyncRunDto> {
    await wecomAccount(this.channels, accountId);
    return this.runs.start(accountId, 'contacts', IMPORT_CONTACTS_JOB, actor);
  }

  private async run(ctx: JobContext<{ runId: number }>): Promise<void> {
    const run = await this.runs.load(ctx.data.runId);
    if (run.status === 'done') return;
    const { accountId, corpId } = await wecomAccount(this.channels, run.accountId);
    await this.runs.begin(run.id);
    const problems: SyncProblem[] = [];
    const counts = { total: 0, processed: 0, created: 0, updated: 0, removed: 0, failed: 0 };
    const startedAt = new Date();
    try {
      const staff = await this.api.getFollowUserList(corpId);
      const customers = new Set<string>();
      let complete = true;
      for (const userid of staff) {
        try {
          for (const ext of await this.api.listExternalContacts(corpId, userid)) customers.add(ext);
        } catch (e) {
          if (!(e instanceof WechatApiError)) throw e;
          complete = false;
          problems.push({ ref: userid, message: `could not list their customers: ${e.errcode} ${e.errmsg}` });
          counts.failed++;
        }
      }
      counts.total = customers.size;
      await this.runs.progress(run.id, counts, problems);

      const present = new Set<string>();
      const skipped = new Set<string>();
      for (const ext of [...customers].sort()) {
        try {
          const detail = await this.api.getExternalContact(corpId, ext);
          const outcome = await this.importCustomer(accountId, corpId, detail);
          counts[outcome]++;
          for (const f of detail.follow_user) present.add(`${ext}\n${f.userid}`);
        } catch (e) {
          if (!(e instanceof WechatApiError) && !(e instanceof AppError)) throw e;
          skipped.add(ext);
          problems.push({ ref: ext, message: e instanceof WechatApiError ? `${e.errcode} ${e.errmsg}` : e.message });
          counts.failed++;
        }
        counts.processed++;
        if (counts.processed % PROGRESS_EVERY === 0) {
          await this.runs.progress(run.id, counts, problems);
          await ctx.updateProgress((counts.processed / counts.total) * 100);
        }
      }
      // Only a complete listing can tell that a relation ended while no push reached us.
      if (complete) counts.removed = await this.contacts.endMissing(accountId, present, skipped, startedAt);
      await this.runs.finish(run.id, counts, problems);
      this.logger.log(`contact import #${run.id} (${corpId}): ${counts.created} new members, ${counts.updated} known, ${counts.failed} failed`);
    } catch (e) {
      await this.runs.fail(run.id, e instanceof Error ? e.message : String(e), counts, problems);
      if (!(e instanceof WechatApiError)) throw e;
    }
  }

  /** One customer: the member (by external_userid, joined by unionid), WeCom consent, and each staff relation. */
  private async importCustomer(accountId: number, corpId: string, detail: ExternalContactDetail): Promise<'created' | 'updated'> {
    const c = detail.external_contact;
    const { member, created } = await this.members.resolveIdentity(
      { type: 'wecom_external_userid', appId: corpId, value: c.external_userid },
      { source: 'wecom', unionid: c.unionid, consent: { wecom: true } },
    );
    const lastAdded = Math.max(0, ...detail.follow_user.map((f) => f.createtime ?? 0));
    // Adding a staff member is something the customer did: it counts as seen, and as WeCom consent (on that contact).
    if (lastAdded) {
      const at = new Date(lastAdded * 1000);
      await this.members.seen(member.id, at);
      await this.members.setIdentityConsent({ type: 'wecom_external_userid', appId: corpId, value: c.external_userid }, true, at);
    }
    // a unionid another record holds makes the two one person (merged, the older kept), as OA and mini-program logins do
    const memberId = !created && c.unionid ? await this.members.claimUnionid(member.id, c.unionid) : member.id;
    if (created && (c.name || c.avatar || c.gender)) {
      await this.members.update(null, memberId, {
        ...(c.name ? { nickname: c.name.slice(0, 64) } : {}),
        ...(c.avatar && /^https?:\/\//.test(c.avatar) ? { avatarUrl: c.avatar } : {}),
        ...(c.gender ? { gender: GENDER[c.gender] ?? 'unknown' } : {}),
      });
    }
    for (const f of detail.follow_user) {
      await this.contacts.apply(
        { accountId, externalUserId: c.external_userid, staffUserId: f.userid },
        memberId,
        { kind: 'added', at: new Date((f.createtime ?? 0) * 1000), state: f.state || null, addWay: f.add_way ?? null, remark: f.remark ? f.remark.slice(0, 128) : null },
      );
    }
    return created ? 'created' : 'updated';
  }
}
