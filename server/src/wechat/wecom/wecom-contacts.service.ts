import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { EventEntity } from '../../events/event.entity';
import { EventResolutionService } from '../../events/event-resolution.service';
import { MemberMergeService } from '../../members/member-merge.service';
import { MembersService } from '../../members/members.service';
import { duplicateKey } from '../../platform/errors/http-exception.filter';
import { AdminPrincipal } from '../../platform/http/request-context';
import { isoOrNull } from '../../platform/time/time';
import { WecomApiService } from './wecom-api.service';
import { MemberWecomStaffDto } from './wecom-contacts.dto';
import { FollowChange, applyFollowChange } from './wecom-follow-change';
import { WecomContactFollowEntity } from './wecom-contact-follow.entity';
import { WecomDepartmentEntity, WecomStaffEntity } from './wecom-org.entity';

export interface FollowKey {
  accountId: number;
  externalUserId: string;
  staffUserId: string;
}

const CHANGES: Record<string, (at: Date, p: Record<string, unknown>) => FollowChange> = {
  'wecom.contact_added': (at, p) => ({ kind: 'added', at, state: typeof p.state === 'string' ? p.state : null }),
  'wecom.contact_removed_by_staff': (at) => ({ kind: 'removed', at, by: 'staff_deleted' }),
  'wecom.staff_removed_by_contact': (at) => ({ kind: 'removed', at, by: 'customer_deleted' }),
};

/**
 * Who serves which customer on WeCom (wecom_contact_follow), kept current from the customer-contact
 * pushes and the import, and asked by other modules: the staff following a member, the first one
 * who added them.
 */
@Injectable()
export class WecomContactsService implements OnModuleInit {
  private readonly listeners: ((memberIds: number[]) => void)[] = [];

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly resolution: EventResolutionService,
    private readonly members: MembersService,
    private readonly api: WecomApiService,
    private readonly merges: MemberMergeService,
  ) {}

  onModuleInit() {
    this.resolution.onResolved((event, memberId) => this.onEvent(event, memberId));
    // Merged members keep their WeCom relations; an undo gives them back.
    this.merges.registerParticipant({
      name: 'wecom_contacts',
      move: async ({ from, to }, m) => {
        const rows = await m.getRepository(WecomContactFollowEntity).find({ where: { memberId: from }, select: { id: true } });
        if (rows.length) await m.getRepository(WecomContactFollowEntity).update({ id: In(rows.map((r) => r.id)) }, { memberId: to });
        return rows.map((r) => r.id);
      },
      restore: async ({ from, to, record }, m) => {
        const ids = record as number[];
        if (ids.length) await m.getRepository(WecomContactFollowEntity).update({ id: In(ids), memberId: to }, { memberId: from });
      },
    });
    // The customer's unionid (when the corp is bound to the open platform) joins them with the
    // same person on the OA and the mini-program.
    this.resolution.registerEnricher('wecom_external_userid', async (s) => ({ unionid: (await this.api.getExternalContact(s.appId, s.value)).external_contact.unionid }));
  }

  /** Told which members' relations to staff changed (added, removed, or newly linked to them). */
  onChange(listener: (memberIds: number[]) => void): void {
    this.listeners.push(listener);
  }

  private tell(memberIds: (number | null)[]): void {
    const ids = [...new Set(memberIds.filter((id): id is number => id != null))];
    if (ids.length) for (const l of this.listeners) l(ids);
  }

  /** Keeps relations current from resolved customer-contact events. */
  async onEvent(event: EventEntity, memberId: number): Promise<void> {
    const toChange = CHANGES[event.type];
    const p = event.properties ?? {};
    if (!toChange || !event.accountId || typeof p.staffUserId !== 'string' || typeof p.externalUserId !== 'string') return;
    await this.apply({ accountId: event.accountId, externalUserId: p.externalUserId, staffUserId: p.staffUserId }, memberId, toChange(new Date(event.occurredAt), p));
  }

  /** Applies one change to one relation (creating it when new); race-safe on the relation's unique key. */
  async apply(key: FollowKey, memberId: number | null, change: FollowChange): Promise<'created' | 'updated' | 'unchanged'> {
    const repo = this.ds.getRepository(WecomContactFollowEntity);
    for (let attempt = 0; ; attempt++) {
      const current = await repo.findOne({ where: key });
      const patch = applyFollowChange(current, change);
      const member = memberId ?? current?.memberId ?? null;
      if (current) {
        if (!patch && current.memberId === member) return 'unchanged';
        await repo.update({ id: current.id }, { ...(patch ?? {}), memberId: member });
        this.tell([member, current.memberId]);
        return 'updated';
      }
      try {
        await repo.insert({ ...key, memberId: member, state: null, addWay: null, remark: null, addedAt: null, removedAt: null, removedBy: null, ...patch });
        this.tell([member]);
        return 'created';
      } catch (e) {
        if (!duplicateKey(e) || attempt > 0) throw e;
      }
    }
  }

  /** Ends relations of an account that a full import no longer found; says how many. */
  async endMissing(accountId: number, present: Set<string>, skipExternal: Set<string>, at: Date): Promise<number> {
    const repo = this.ds.getRepository(WecomContactFollowEntity);
    const live = await repo.find({ where: { accountId, removedAt: IsNull() } });
    const ended = live.filter((r) => !present.has(`${r.externalUserId}\n${r.staffUserId}`) && !skipExternal.has(r.externalUserId));
    const gone = ended.map((r) => r.id);
    for (let i = 0; i < gone.length; i += 500) await repo.update({ id: In(gone.slice(i, i + 500)) }, { removedAt: at });
    this.tell(ended.map((r) => r.memberId));
    return gone.length;
  }

  /** Relations still holding for a member, first added first. */
  /** Every current customer relation of the account, one row per (customer, staff member). */
  async activeRelations(accountId: number): Promise<WecomContactFollowEntity[]> {
    return this.ds.getRepository(WecomContactFollowEntity).find({ where: { accountId, removedAt: IsNull() }, order: { id: 'ASC' } });
  }

  async staffFollowing(memberId: number): Promise<WecomContactFollowEntity[]> {
    return (await this.relations(memberId)).filter((r) => !r.removedAt);
  }

  /** The first staff member who added the member (even if the relation has since ended). */
  async firstAdder(memberId: number): Promise<WecomContactFollowEntity | null> {
    return (await this.relations(memberId)).find((r) => r.addedAt) ?? null;
  }

  /** For the member detail page: every staff relation, with names and stores; store roles see only their members. */
  async forMember(viewer: AdminPrincipal, memberId: number): Promise<MemberWecomStaffDto[]> {
    await this.members.visible(viewer, memberId);
    const rows = await this.relations(memberId);
    if (!rows.length) return [];
    const accounts = [...new Set(rows.map((r) => r.accountId))];
    const staff = await this.ds.getRepository(WecomStaffEntity).find({ where: { accountId: In(accounts), userid: In([...new Set(rows.map((r) => r.staffUserId))]) } });
    const depts = await this.ds.getRepository(WecomDepartmentEntity).find({ where: { accountId: In(accounts), removedAt: IsNull() } });
    const first = rows.find((r) => r.addedAt);
    return rows.map((r) => {
      const s = staff.find((x) => x.accountId === r.accountId && x.userid === r.staffUserId);
      const storeIds = s ? depts.filter((d) => d.accountId === r.accountId && d.storeId && s.departmentIds.includes(d.deptId)).map((d) => d.storeId!) : [];
      return {
        accountId: r.accountId,
        externalUserId: r.externalUserId,
        staffUserId: r.staffUserId,
        staffName: s?.name ?? null,
        staffId: s?.id ?? null,
        adminUserId: s?.adminUserId ?? null,
        storeIds: [...new Set(storeIds)].sort((a, b) => a - b),
        state: r.state,
        addWay: r.addWay,
        remark: r.remark,
        addedAt: isoOrNull(r.addedAt),
        removedAt: isoOrNull(r.removedAt),
        removedBy: r.removedBy,
        active: !r.removedAt,
        first: r === first,
      };
    });
  }

  /** A member's relations, first added first (relations only known from a removal last). */
  private async relations(memberId: number): Promise<WecomContactFollowEntity[]> {
    const rows = await this.ds.getRepository(WecomContactFollowEntity).find({ where: { memberId }, order: { id: 'ASC' } });
    const t = (d: Date | null) => (d ? new Date(d).getTime() : Number.MAX_SAFE_INTEGER);
    return rows.sort((a, b) => t(a.addedAt) - t(b.addedAt) || a.id - b.id);
  }
}
