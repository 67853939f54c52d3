import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { isMysql } from '../platform/database/data-source';
import { AppError, ConflictError, NotFoundError } from '../platform/errors/app-error';
import { AdminPrincipal } from '../platform/http/request-context';
import { isoOrNull } from '../platform/time/time';
import { TagsService } from '../tags/tags.service';
import { MemberAttributeEntity } from './attribute.entity';
import { MemberIdentityEntity } from './member-identity.entity';
import { MemberMergeEntity, MergeReason } from './member-merge.entity';
import { MemberMergeDto } from './member-merge.dto';
import { MemberEntity } from './member.entity';
import { recomputeConsent } from './member-consent';

/**
 * Another module's part in a merge: it moves what it holds for the absorbed member to the kept one,
 * inside the merge's transaction, and says what it moved so an undo can put it back.
 */
export interface MergeParticipant {
  name: string;
  move(ctx: { mergeId: number; from: number; to: number; reason: MergeReason }, m: EntityManager): Promise<unknown>;
  restore(ctx: { mergeId: number; from: number; to: number; record: unknown }, m: EntityManager): Promise<void>;
}

/** Profile fields the kept member takes from the absorbed one when it has none of its own. */
const FILLABLE = ['nickname', 'avatarUrl', 'birthYear', 'birthMonth', 'birthDay', 'phoneEncrypted', 'phoneHash', 'phoneMasked', 'province', 'city', 'storeId'] as const;
const DATES = ['firstSeenAt', 'lastSeenAt', 'createdAt', 'updatedAt'] as const;

interface Snapshot {
  absorbed: Record<string, unknown>;
  identityIds: number[];
  /** kept member's fields the merge filled (previous value null / unknown) */
  filled: Record<string, unknown>;
  keptConsent: Pick<MemberEntity, 'consentOa' | 'consentMiniapp' | 'consentWecom' | 'consentSms'>;
  tags: unknown;
  attributes: { moved: number[]; dropped: Partial<MemberAttributeEntity>[] };
  parts: Record<string, unknown>;
}

/**
 * Joins two member records that turn out to be one person — only on a strong identifier (a unionid
 * or a verified phone both claim) — and keeps a record of each merge so an operator can undo it.
 * The older member stays; the newer one's identities, tags, attributes, events and whatever other
 * modules hold move over; its row is kept in the merge record. An undone merge is never redone
 * automatically for the same two members.
 */
@Injectable()
export class MemberMergeService {
  private readonly logger = new Logger('MemberMerge');
  private readonly participants: MergeParticipant[] = [];

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tags: TagsService,
    private readonly audit: AuditService,
  ) {}

  /** Modules holding per-member data (events, contact relations, enrollments…) join in here. */
  registerParticipant(p: MergeParticipant): void {
    if (!this.participants.some((x) => x.name === p.name)) this.participants.push(p);
  }

  /**
   * Merges two members that share a strong identifier. Returns the merge, or null when there is
   * nothing to do: the same member, one of them already gone, or an operator undid a merge of
   * these two before (their decision stands).
   */
  async mergeOnIdentifier(a: number, b: number, reason: MergeReason, identifier: string, actor?: AdminPrincipal): Promise<MemberMergeEntity | null> {
    if (a === b) return null;
    const keep = Math.min(a, b);
    const absorb = Math.max(a, b);
    if (await this.undoneBefore(keep, absorb)) {
      this.logger.log(`members ${keep} and ${absorb} share ${reason} but an operator split them before; left apart`);
      return null;
    }
    const merge = await this.ds.transaction(async (m) => {
      const rows = await this.lockMembers(m, [keep, absorb]);
      const kept = rows.find((r) => r.id === keep);
      const absorbed = rows.find((r) => r.id === absorb);
      if (!kept || !absorbed) return null;

      const identities = await m.getRepository(MemberIdentityEntity).find({ where: { memberId: absorb }, order: { id: 'ASC' } });
      const record = await m.getRepository(MemberMergeEntity).save(
        m.getRepository(MemberMergeEntity).create({
          keptMemberId: keep,
          mergedMemberId: absorb,
          reason,
          identifier: identifier.slice(0, 128),
          identitiesMoved: identities.map((i) => ({ type: i.type, appId: i.appId, value: i.type === 'phone' ? (absorbed.phoneMasked ?? '***') : i.value })),
          snapshot: {},
          mergedByUserId: actor?.id ?? null,
          mergedBy: actor?.username ?? 'system',
        }),
      );
      if (identities.length) await m.getRepository(MemberIdentityEntity).update({ id: In(identities.map((i) => i.id)) }, { memberId: keep });

      const filled: Record<string, unknown> = {};
      const patch: Partial<MemberEntity> = {};
      for (const k of FILLABLE) {
        if (kept[k] == null && absorbed[k] != null) {
          filled[k] = absorbed[k];
          (patch as Record<string, unknown>)[k] = absorbed[k];
        }
      }
      if (kept.gender === 'unknown' && absorbed.gender !== 'unknown') filled.gender = patch.gender = absorbed.gender;
      if (absorbed.firstSeenAt && (!kept.firstSeenAt || new Date(absorbed.firstSeenAt) < new Date(kept.firstSeenAt))) patch.firstSeenAt = absorbed.firstSeenAt;
      if (absorbed.lastSeenAt && (!kept.lastSeenAt || new Date(absorbed.lastSeenAt) > new Date(kept.lastSeenAt))) patch.lastSeenAt = absorbed.lastSeenAt;
      const keptConsent = { consentOa: !!kept.consentOa, consentMiniapp: !!kept.consentMiniapp, consentWecom: !!kept.consentWecom, consentSms: !!kept.consentSms };
      patch.consentOa = keptConsent.consentOa || !!absorbed.consentOa;
      patch.consentMiniapp = keptConsent.consentMiniapp || !!absorbed.consentMiniapp;
      patch.consentWecom = keptConsent.consentWecom || !!absorbed.consentWecom;
      patch.consentSms = keptConsent.consentSms || !!absorbed.consentSms;

      const tags = await this.tags.moveMember(absorb, keep, m);
      const attributes = await this.moveAttributes(absorb, keep, m);
      const parts: Record<string, unknown> = {};
      for (const p of this.participants) parts[p.name] = await p.move({ mergeId: record.id, from: absorb, to: keep, reason }, m);

      await m.getRepository(MemberEntity).delete({ id: absorb });
      await m.getRepository(MemberEntity).update({ id: keep }, patch);

      const snapshot: Snapshot = { absorbed: serializeRow(absorbed), identityIds: identities.map((i) => i.id), filled, keptConsent, tags, attributes, parts };
      record.snapshot = snapshot as unknown as Record<string, unknown>;
      record.eventsMoved = Number((parts.events as { count?: number } | undefined)?.count ?? 0);
      await m.getRepository(MemberMergeEntity).save(record);
      await this.audit.record({ action: 'member.merge', entityType: 'member', entityId: keep, after: { mergeId: record.id, mergedMemberId: absorb, reason, identifier: record.identifier } }, m);
      return record;
    });
    if (merge) this.logger.log(`merged member ${absorb} into ${keep} (${reason}); merge #${merge.id}`);
    return merge;
  }

  /** Splits a merge again: the absorbed member comes back with what it brought. */
  async undo(mergeId: number, actor: AdminPrincipal): Promise<MemberMergeDto> {
    await this.ds.transaction(async (m) => {
      const merge = await m.getRepository(MemberMergeEntity).findOne({ where: { id: mergeId } });
      if (!merge) throw new NotFoundError('merge', mergeId);
      if (merge.undoneAt) throw new ConflictError('mergeId', `merge #${mergeId} was already undone`);
      const later = await m
        .getRepository(MemberMergeEntity)
        .createQueryBuilder('g')
        .where('g.id > :id AND g.undone_at IS NULL AND (g.kept_member_id IN (:...ids) OR g.merged_member_id IN (:...ids))', { id: mergeId, ids: [merge.keptMemberId, merge.mergedMemberId] })
        .orderBy('g.id', 'DESC')
        .getOne();
      if (later) throw new ConflictError('mergeId', `member ${merge.keptMemberId} was merged again later (merge #${later.id}); undo that one first`);
      const [kept] = await this.lockMembers(m, [merge.keptMemberId]);
      if (!kept) throw new ConflictError('mergeId', `member ${merge.keptMemberId} no longer exists`);
      const s = merge.snapshot as unknown as Snapshot;
      const from = merge.mergedMemberId;
      const to = merge.keptMemberId;

      await m.getRepository(MemberEntity).insert(deserializeRow(s.absorbed));
      if (s.identityIds.length) await m.getRepository(MemberIdentityEntity).update({ id: In(s.identityIds), memberId: to }, { memberId: from });

      const restore: Partial<MemberEntity> = {};
      for (const [k, v] of Object.entries(s.filled)) {
        const now = (kept as unknown as Record<string, unknown>)[k];
        if (now === v || String(now) === String(v)) (restore as Record<string, unknown>)[k] = k === 'gender' ? 'unknown' : null;
      }
      Object.assign(restore, s.keptConsent);
      if (Object.keys(restore).length) await m.getRepository(MemberEntity).update({ id: to }, restore);

      for (const p of [...this.participants].reverse()) {
        if (s.parts[p.name] !== undefined) await p.restore({ mergeId, from, to, record: s.parts[p.name] }, m);
      }
      await this.restoreAttributes(from, to, s.attributes, m);
      await this.tags.restoreMember(from, to, s.tags, m);
      await recomputeConsent(m, [from, to]);

      await m.getRepository(MemberMergeEntity).update({ id: mergeId }, { undoneAt: new Date(), undoneByUserId: actor.id, undoneBy: actor.username });
      await this.audit.record({ action: 'member.merge_undo', entityType: 'member', entityId: to, after: { mergeId, restoredMemberId: from } }, m);
    });
    this.logger.log(`undid merge #${mergeId}`);
    return this.toDto(await this.ds.getRepository(MemberMergeEntity).findOneByOrFail({ id: mergeId }));
  }

  /** Merges that touched the member, newest first. */
  async history(memberId: number): Promise<MemberMergeDto[]> {
    const rows = await this.ds.getRepository(MemberMergeEntity).find({ where: [{ keptMemberId: memberId }, { mergedMemberId: memberId }], order: { id: 'DESC' }, take: 100 });
    return rows.map((r) => this.toDto(r));
  }

  async get(mergeId: number): Promise<MemberMergeEntity> {
    const row = await this.ds.getRepository(MemberMergeEntity).findOne({ where: { id: mergeId } });
    if (!row) throw new NotFoundError('merge', mergeId);
    return row;
  }

  /** For a member id that no longer exists: the merge that absorbed it, if any. */
  async absorbedBy(memberId: number): Promise<MemberMergeEntity | null> {
    return this.ds.getRepository(MemberMergeEntity).findOne({ where: { mergedMemberId: memberId, undoneAt: IsNull() }, order: { id: 'DESC' } });
  }

  /** The 404 to give for a member id that was merged away (or null when it simply does not exist). */
  async goneError(memberId: number): Promise<AppError | null> {
    const g = await this.absorbedBy(memberId);
    return g ? new AppError(404, 'member_merged', `member ${memberId} was merged into member ${g.keptMemberId} (merge #${g.id})`, [{ field: 'id', message: `merged into ${g.keptMemberId}` }]) : null;
  }

  toDto(r: MemberMergeEntity): MemberMergeDto {
    return {
      id: r.id,
      keptMemberId: r.keptMemberId,
      mergedMemberId: r.mergedMemberId,
      reason: r.reason,
      identifier: r.identifier,
      identitiesMoved: r.identitiesMoved,
      eventsMoved: r.eventsMoved,
      mergedBy: r.mergedBy,
      mergedAt: isoOrNull(r.mergedAt) ?? '',
      undoneAt: isoOrNull(r.undoneAt),
      undoneBy: r.undoneBy,
    };
  }

  private async undoneBefore(a: number, b: number): Promise<boolean> {
    const rows = await this.ds.getRepository(MemberMergeEntity).find({ where: [{ keptMemberId: a, mergedMemberId: b }, { keptMemberId: b, mergedMemberId: a }] });
    return rows.some((r) => r.undoneAt != null);
  }

  /** Locks the rows (MySQL) so a concurrent merge or update waits; SQLite serializes writers anyway. */
  private async lockMembers(m: EntityManager, ids: number[]): Promise<MemberEntity[]> {
    const repo = m.getRepository(MemberEntity);
    return isMysql(this.ds) ? repo.find({ where: { id: In(ids) }, lock: { mode: 'pessimistic_write' }, order: { id: 'ASC' } }) : repo.find({ where: { id: In(ids) } });
  }

  /** Attribute values the kept member lacks move over; the absorbed member's others are kept in the snapshot. */
  private async moveAttributes(from: number, to: number, m: EntityManager): Promise<Snapshot['attributes']> {
    const repo = m.getRepository(MemberAttributeEntity);
    const [mine, theirs] = await Promise.all([repo.find({ where: { memberId: to } }), repo.find({ where: { memberId: from } })]);
    const have = new Set(mine.map((a) => a.attributeId));
    const moved = theirs.filter((a) => !have.has(a.attributeId)).map((a) => a.attributeId);
    const dropped = theirs.filter((a) => have.has(a.attributeId)).map(({ memberId: _m, updatedAt: _u, ...rest }) => rest);
    if (moved.length) await repo.update({ memberId: from, attributeId: In(moved) }, { memberId: to });
    if (dropped.length) await repo.delete({ memberId: from });
    return { moved, dropped };
  }

  private async restoreAttributes(from: number, to: number, rec: Snapshot['attributes'], m: EntityManager): Promise<void> {
    const repo = m.getRepository(MemberAttributeEntity);
    if (rec.moved.length) await repo.update({ memberId: to, attributeId: In(rec.moved) }, { memberId: from });
    for (const row of rec.dropped) await repo.upsert({ ...row, memberId: from }, ['memberId', 'attributeId']);
  }
}

function serializeRow(r: MemberEntity): Record<string, unknown> {
  const out: Record<string, unknown> = { ...r };
  for (const k of DATES) out[k] = r[k] ? new Date(r[k]).toISOString() : null;
  return out;
}

function deserializeRow(s: Record<string, unknown>): Partial<MemberEntity> {
  const out: Record<string, unknown> = { ...s };
  for (const k of DATES) out[k] = s[k] ? new Date(s[k] as string) : null;
  return out as Partial<MemberEntity>;
}
