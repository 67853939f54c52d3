import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { isStoreRole } from '../accounts/stores.service';
import { AuditService } from '../platform/audit/audit.service';
import { SecretBox, maskPhone, normalizePhone } from '../platform/crypto/secret-box';
import { AppError, BadInputError, ConflictError, FieldProblem, ForbiddenError, NotFoundError } from '../platform/errors/app-error';
import { duplicateKey } from '../platform/errors/http-exception.filter';
import { AdminPrincipal } from '../platform/http/request-context';
import { isoOrNull, toDbDatetime } from '../platform/time/time';
import { TagActor, TagsService, actorOf } from '../tags/tags.service';
import { TagRefDto } from '../tags/tags.dto';
import { AttributesService } from './attributes.service';
import { MemberIdentityEntity, IdentityType } from './member-identity.entity';
import { CONSENT_CHANNEL_OF, recomputeConsent } from './member-consent';
import { MemberMergeService } from './member-merge.service';
import { MemberEntity } from './member.entity';
import { CreateMemberDto, IdentityDto, MemberDetailDto, MemberSummaryDto, UpdateMemberDto } from './members.dto';

/** Identity types scoped to one app (appid / corpid); the rest are brand-wide. */
const APP_SCOPED: IdentityType[] = ['oa_openid', 'mp_openid', 'wecom_external_userid'];

/**
 * What changed about members: profile fields by name (as segment rules name them, e.g. `city`,
 * `lastSeenAt`), their identities or consent, or a member that is new.
 */
export interface MemberChange {
  memberIds: number[];
  fields?: string[];
  identities?: boolean;
  created?: boolean;
}

/** Member profiles, identities, consent and custom attributes. */
@Injectable()
export class MembersService {
  private readonly changeListeners: ((change: MemberChange) => void)[] = [];

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly box: SecretBox,
    private readonly attributes: AttributesService,
    private readonly tags: TagsService,
    private readonly audit: AuditService,
    private readonly merges: MemberMergeService,
  ) {}

  /** Told of profile, identity and consent changes (possibly just before the writer's transaction commits). */
  onChange(listener: (change: MemberChange) => void): void {
    this.changeListeners.push(listener);
  }

  /** Tells listeners; also for code outside this service that writes member rows itself. */
  changed(change: MemberChange): void {
    for (const l of this.changeListeners) l(change);
  }

  async detail(viewer: AdminPrincipal | null, id: number): Promise<MemberDetailDto> {
    const m = await this.loadVisible(viewer, id);
    const [identities, tags, attributes] = await Promise.all([
      this.ds.getRepository(MemberIdentityEntity).find({ where: { memberId: id }, order: { id: 'ASC' } }),
      this.tags.memberTags(id),
      this.attributes.valuesOf(id),
    ]);
    return {
      ...summary(m, []),
      tags,
      birthday: m.birthMonth && m.birthDay ? { year: m.birthYear, month: m.birthMonth, day: m.birthDay } : null,
      consent: { oa: !!m.consentOa, miniapp: !!m.consentMiniapp, wecom: !!m.consentWecom, sms: !!m.consentSms },
      identities: identities.map((i) => identityDto(i, m)),
      attributes,
    };
  }

  async summaries(rows: MemberEntity[]): Promise<MemberSummaryDto[]> {
    const tags = await this.tags.tagsOfMembers(rows.map((r) => r.id));
    return rows.map((r) => summary(r, tags.get(r.id) ?? []));
  }

  async create(viewer: AdminPrincipal, dto: CreateMemberDto): Promise<MemberDetailDto> {
    if (isStoreRole(viewer) && (!dto.storeId || !viewer.storeIds.includes(dto.storeId))) {
      throw new ForbiddenError('store staff may only create members of their own stores (set storeId)');
    }
    const id = await this.ds.transaction(async (m) => {
      const member = await this.insert(m, dto, dto.sourceChannel ?? 'manual');
      await this.audit.record({ action: 'member.create', entityType: 'member', entityId: member.id, after: auditView(dto) }, m);
      return member.id;
    });
    return this.detail(null, id);
  }

  /**
   * Creates a member with identities, phone and attributes in the caller's transaction. Conflicts
   * (a phone or identity that belongs to someone else) are refused before anything is written.
   */
  async insert(m: EntityManager, dto: CreateMemberDto, source: MemberEntity['sourceChannel']): Promise<MemberEntity> {
    const defs = await this.attributes.definitionsByKey();
    const problems = this.attributes.check(dto.attributes ?? {}, defs);
    const phone = this.phoneOf(dto.phone, problems);
    if (dto.storeId) await this.assertStore(m, dto.storeId, problems);
    if (problems.length) throw new BadInputError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    await this.assertIdentitiesFree(m, null, phone, dto.identities ?? []);

    const now = new Date();
    const repo = m.getRepository(MemberEntity);
    const member = repo.create({
      nickname: dto.nickname ?? null,
      avatarUrl: dto.avatarUrl ?? null,
      gender: dto.gender ?? 'unknown',
      ...birthdayColumns(dto),
      province: dto.province ?? null,
      city: dto.city ?? null,
      sourceChannel: source,
      lifecycleStage: dto.lifecycleStage ?? 'new',
      level: dto.level ?? 0,
      points: dto.points ?? 0,
      leadScore: dto.leadScore ?? 0,
      leadStage: dto.leadStage ?? null,
      storeId: dto.storeId ?? null,
      consentOa: dto.consent?.oa ?? false,
      consentMiniapp: dto.consent?.miniapp ?? false,
      consentWecom: dto.consent?.wecom ?? false,
      consentSms: dto.consent?.sms ?? false,
      firstSeenAt: now,
      lastSeenAt: null,
      ...this.phoneColumns(phone),
    });
    await repo.save(member);
    await this.addIdentities(m, member.id, phone, dto.identities ?? []);
    if (dto.attributes) await this.attributes.write(member.id, dto.attributes, defs, m);
    this.changed({ memberIds: [member.id], created: true });
    return member;
  }

  async update(viewer: AdminPrincipal | null, id: number, dto: UpdateMemberDto): Promise<MemberDetailDto> {
    const current = await this.loadVisible(viewer, id);
    if (viewer && isStoreRole(viewer) && dto.storeId !== undefined && !viewer.storeIds.includes(dto.storeId)) {
      throw new ForbiddenError('store staff cannot move a member to another store');
    }
    const before = await this.detail(null, id);
    await this.ds.transaction(async (m) => {
      await this.applyUpdate(m, current, dto);
      await this.audit.record({ action: 'member.update', entityType: 'member', entityId: id, before: auditOf(before), after: auditView(dto) }, m);
    });
    return this.detail(null, id);
  }

  /** Updates a member inside the caller's transaction (admin edits and CSV import). */
  async applyUpdate(m: EntityManager, current: MemberEntity, dto: UpdateMemberDto): Promise<void> {
    const defs = await this.attributes.definitionsByKey();
    const problems = this.attributes.check(dto.attributes ?? {}, defs);
    const phone = dto.phone === undefined ? undefined : dto.phone === '' ? null : this.phoneOf(dto.phone, problems);
    if (dto.storeId) await this.assertStore(m, dto.storeId, problems);
    if (problems.length) throw new BadInputError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    await this.assertIdentitiesFree(m, current.id, phone ?? null, dto.identities ?? []);

    const patch: Partial<MemberEntity> = {};
    for (const k of ['nickname', 'avatarUrl', 'gender', 'province', 'city', 'lifecycleStage', 'level', 'points', 'leadScore', 'leadStage', 'storeId'] as const) {
      if (dto[k] !== undefined) (patch as Record<string, unknown>)[k] = dto[k];
    }
    if (dto.sourceChannel !== undefined) patch.sourceChannel = dto.sourceChannel;
    if (dto.birthday !== undefined) Object.assign(patch, birthdayColumns(dto));
    if (dto.consent) {
      if (dto.consent.oa !== undefined) patch.consentOa = dto.consent.oa;
      if (dto.consent.miniapp !== undefined) patch.consentMiniapp = dto.consent.miniapp;
      if (dto.consent.wecom !== undefined) patch.consentWecom = dto.consent.wecom;
      if (dto.consent.sms !== undefined) patch.consentSms = dto.consent.sms;
    }
    if (phone !== undefined) {
      Object.assign(patch, this.phoneColumns(phone));
      await m.getRepository(MemberIdentityEntity).delete({ memberId: current.id, type: 'phone' });
    }
    if (Object.keys(patch).length) await m.getRepository(MemberEntity).update({ id: current.id }, patch);
    await this.addIdentities(m, current.id, phone ?? null, dto.identities ?? []);
    if (dto.attributes) await this.attributes.write(current.id, dto.attributes, defs, m);
    const fields = [...Object.keys(patch), ...(dto.birthday !== undefined ? ['birthday'] : [])];
    this.changed({ memberIds: [current.id], fields, identities: phone !== undefined || !!dto.identities?.length });
  }

  async addTags(viewer: AdminPrincipal, id: number, tagIds: number[], actor: TagActor): Promise<MemberDetailDto> {
    await this.loadVisible(viewer, id);
    await this.tags.assertTagsExist(tagIds);
    await this.ds.transaction(async (m) => {
      const added = await this.tags.addToMembers([id], tagIds, actor, m);
      await this.audit.record({ action: 'member.tags.add', entityType: 'member', entityId: id, after: { tagIds, added } }, m);
    });
    return this.detail(null, id);
  }

  async removeTag(viewer: AdminPrincipal, id: number, tagId: number): Promise<void> {
    await this.loadVisible(viewer, id);
    await this.ds.transaction(async (m) => {
      const removed = await this.tags.removeFromMembers([id], [tagId], m, actorOf(viewer));
      if (!removed) throw new NotFoundError(`tag ${tagId} on member`, id);
      await this.audit.record({ action: 'member.tags.remove', entityType: 'member', entityId: id, before: { tagIds: [tagId] } }, m);
    });
  }

  async bulkTags(memberIds: number[], tagIds: number[], action: 'add' | 'remove', actor: TagActor): Promise<number> {
    const ids = [...new Set(memberIds)];
    await this.tags.assertTagsExist(tagIds);
    const found = await this.ds.getRepository(MemberEntity).count({ where: { id: In(ids) } });
    if (found !== ids.length) throw new BadInputError(`${ids.length - found} of the members do not exist`, [{ field: 'memberIds', message: 'contains unknown members' }]);
    return this.ds.transaction(async (m) => {
      const affected = action === 'add' ? await this.tags.addToMembers(ids, tagIds, actor, m) : await this.tags.removeFromMembers(ids, tagIds, m, actor);
      await this.audit.record({ action: `member.tags.bulk_${action}`, entityType: 'member', entityId: null, after: { memberCount: ids.length, tagIds, affected } }, m);
      return affected;
    });
  }

  /**
   * The member behind an identity, created if new. A unionid joins a person across OA,
   * mini-program and WeCom. Race-safe: two first events for one person at once make one member
   * (the identity's unique key lets one insert win; the loser re-reads).
   */
  async resolveIdentity(
    subject: { type: IdentityType; appId: string; value: string },
    opts: { unionid?: string; source: MemberEntity['sourceChannel']; consent?: CreateMemberDto['consent'] },
  ): Promise<{ member: MemberEntity; created: boolean }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await this.ds.transaction(async (m) => {
          const found = await this.findByIdentity(subject.type, subject.appId, subject.value, m);
          if (found) return { member: found, created: false };
          const identities = [{ type: subject.type as Exclude<IdentityType, 'phone'>, appId: subject.appId, value: subject.value }];
          const byUnion = opts.unionid ? await this.findByIdentity('unionid', '', opts.unionid, m) : null;
          if (byUnion) {
            await this.applyUpdate(m, byUnion, { identities });
            return { member: byUnion, created: false };
          }
          if (opts.unionid) identities.push({ type: 'unionid', appId: '', value: opts.unionid });
          return { member: await this.insert(m, { identities, consent: opts.consent }, opts.source), created: true };
        });
      } catch (e) {
        if (!duplicateKey(e) && !(e instanceof AppError && e.status === 409)) throw e;
      }
    }
    throw new AppError(409, 'conflict', `could not settle the member for ${subject.type} ${subject.value}; try again`);
  }

  /**
   * Gives a member the unionid a channel told us about. When another member already holds it, the
   * two are the same person: that calls for a merge, which is not done implicitly here.
   */
  async linkUnionid(memberId: number, unionid: string): Promise<'linked' | 'already' | 'held_by_other'> {
    const repo = this.ds.getRepository(MemberIdentityEntity);
    const owner = await repo.findOne({ where: { type: 'unionid', appId: '', value: unionid } });
    if (owner) return owner.memberId === memberId ? 'already' : 'held_by_other';
    try {
      await repo.insert({ memberId, type: 'unionid', appId: '', value: unionid });
      this.changed({ memberIds: [memberId], identities: true });
      return 'linked';
    } catch (e) {
      if (duplicateKey(e)) return 'held_by_other';
      throw e;
    }
  }

  /**
   * Gives the member a unionid a channel told us about. If another member already holds it the two
   * records are one person and are merged (the older stays). Returns the id of the member that now
   * holds the unionid (the caller's member may have been merged away).
   */
  async claimUnionid(memberId: number, unionid: string): Promise<number> {
    if ((await this.linkUnionid(memberId, unionid)) !== 'held_by_other') return memberId;
    const owner = await this.findByIdentity('unionid', '', unionid);
    if (!owner || owner.id === memberId) return memberId;
    const merge = await this.merges.mergeOnIdentifier(memberId, owner.id, 'unionid', unionid);
    return merge ? merge.keptMemberId : memberId;
  }

  /**
   * Consent given or withdrawn through one identity (an OA follow, a WeCom contact…), at `at`. An
   * older signal arriving late does not overwrite a newer one. The member's channel flag follows.
   */
  async setIdentityConsent(subject: { type: IdentityType; appId: string; value: string }, granted: boolean, at: Date): Promise<void> {
    if (!CONSENT_CHANNEL_OF[subject.type]) return;
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(MemberIdentityEntity);
      const ident = await repo.findOne({ where: { type: subject.type, appId: APP_SCOPED.includes(subject.type) ? subject.appId : '', value: subject.value } });
      if (!ident || (ident.consentAt && new Date(ident.consentAt) > at)) return;
      await repo.update({ id: ident.id }, { consent: granted, consentAt: at });
      await recomputeConsent(m, [ident.memberId]);
      this.changed({ memberIds: [ident.memberId], identities: true, fields: ['consentOa', 'consentMiniapp', 'consentWecom', 'consentSms'] });
    });
  }

  /** Records that the member was active at `at` (never moves lastSeenAt backwards). */
  async seen(memberId: number, at: Date): Promise<void> {
    await this.ds
      .getRepository(MemberEntity)
      .createQueryBuilder()
      .update()
      .set({ lastSeenAt: at })
      .where('id = :id AND (last_seen_at IS NULL OR last_seen_at < :at)', { id: memberId, at: toDbDatetime(at) })
      .execute();
    this.changed({ memberIds: [memberId], fields: ['lastSeenAt'] });
  }

  /** The member that owns an identity, if any. */
  async findByIdentity(type: IdentityType, appId: string, value: string, m: EntityManager = this.ds.manager): Promise<MemberEntity | null> {
    const ident = await m.getRepository(MemberIdentityEntity).findOne({ where: { type, appId: APP_SCOPED.includes(type) ? appId : '', value } });
    return ident ? m.getRepository(MemberEntity).findOne({ where: { id: ident.memberId } }) : null;
  }

  /**
   * Gives the member a phone number WeChat verified (getPhoneNumber). It replaces a phone the member
   * had; when another member already holds the number the two are likely one person, which is for
   * a merge to settle: nothing is moved here, the other member's id is returned.
   */
  async bindVerifiedPhone(memberId: number, phone: string): Promise<{ result: 'bound' | 'already' | 'held_by_other'; otherMemberId?: number; phoneMasked: string }> {
    const problems: FieldProblem[] = [];
    const p = this.phoneOf(phone, problems);
    if (!p) throw new BadInputError(problems.map((x) => `${x.field} ${x.message}`).join('; ') || 'phone is required', problems);
    const hash = this.box.lookupHash(p);
    const phoneMasked = maskPhone(p)!;
    const holder = (m: EntityManager) => m.getRepository(MemberIdentityEntity).findOne({ where: { type: 'phone', appId: '', value: hash } });
    try {
      return await this.ds.transaction(async (m) => {
        const member = await m.getRepository(MemberEntity).findOne({ where: { id: memberId } });
        if (!member) throw new NotFoundError('member', memberId);
        const owner = await holder(m);
        const otherId = owner ? owner.memberId : (await m.getRepository(MemberEntity).findOne({ where: { phoneHash: hash }, select: { id: true } }))?.id;
        if (otherId !== undefined && otherId !== memberId) return { result: 'held_by_other' as const, otherMemberId: otherId, phoneMasked };
        if (owner && member.phoneHash === hash) return { result: 'already' as const, phoneMasked };
        await m.getRepository(MemberIdentityEntity).delete({ memberId, type: 'phone' });
        await m.getRepository(MemberEntity).update({ id: memberId }, this.phoneColumns(p));
        await m.getRepository(MemberIdentityEntity).insert({ memberId, type: 'phone', appId: '', value: hash });
        this.changed({ memberIds: [memberId], identities: true });
        return { result: owner ? ('already' as const) : ('bound' as const), phoneMasked };
      });
    } catch (e) {
      if (!duplicateKey(e)) throw e;
      // another member took the number in the same moment
      const owner = await holder(this.ds.manager);
      return owner && owner.memberId !== memberId ? { result: 'held_by_other', otherMemberId: owner.memberId, phoneMasked } : { result: 'already', phoneMasked };
    }
  }

  /** The members' identities of one type on one app (e.g. their openids on an OA). */
  async identityValues(memberIds: number[], type: IdentityType, appId: string): Promise<Map<number, { value: string; consent: boolean | null }[]>> {
    const out = new Map<number, { value: string; consent: boolean | null }[]>();
    for (let i = 0; i < memberIds.length; i += 1000) {
      const rows = await this.ds.getRepository(MemberIdentityEntity).find({ where: { memberId: In(memberIds.slice(i, i + 1000)), type, appId: APP_SCOPED.includes(type) ? appId : '' } });
      for (const r of rows) out.set(r.memberId, [...(out.get(r.memberId) ?? []), { value: r.value, consent: r.consent == null ? null : Boolean(r.consent) }]);
    }
    return out;
  }

  /** Which member each identity value belongs to (values nobody holds are left out). */
  async membersByIdentity(type: IdentityType, appId: string, values: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < values.length; i += 1000) {
      const rows = await this.ds.getRepository(MemberIdentityEntity).find({ where: { type, appId: APP_SCOPED.includes(type) ? appId : '', value: In(values.slice(i, i + 1000)) } });
      for (const r of rows) out.set(r.value, r.memberId);
    }
    return out;
  }

  /**
   * Who holds each identity value under any of these types, on any app: an openid or external
   * userid pasted into a file comes without its app. A value held by two members is ambiguous, so
   * each value maps to every holder.
   */
  async holdersOfIdentityValues(types: IdentityType[], values: string[]): Promise<Map<string, Set<number>>> {
    const out = new Map<string, Set<number>>();
    if (!values.length) return out;
    const repo = this.ds.getRepository(MemberIdentityEntity);
    // The unique key leads with (type, app_id): name every app so lookups seek instead of scanning a type.
    const scopes = await repo.createQueryBuilder('i').select('i.type', 'type').addSelect('i.appId', 'appId').distinct(true).where('i.type IN (:...types)', { types }).getRawMany<{ type: IdentityType; appId: string }>();
    if (!scopes.length) return out;
    for (let i = 0; i < values.length; i += 1000) {
      const chunk = In(values.slice(i, i + 1000));
      const rows = await repo.find({ select: { memberId: true, value: true }, where: scopes.map((sc) => ({ type: sc.type, appId: sc.appId, value: chunk })) });
      for (const r of rows) out.set(r.value, (out.get(r.value) ?? new Set<number>()).add(r.memberId));
    }
    return out;
  }

  /** Which member holds each phone (normalized numbers; numbers nobody holds are left out). */
  async membersByPhone(phones: string[]): Promise<Map<string, number>> {
    const byHash = new Map(phones.map((p) => [this.box.lookupHash(p), p]));
    const hashes = [...byHash.keys()];
    const out = new Map<string, number>();
    for (let i = 0; i < hashes.length; i += 1000) {
      const rows = await this.ds.getRepository(MemberEntity).find({ select: { id: true, phoneHash: true }, where: { phoneHash: In(hashes.slice(i, i + 1000)) } });
      for (const r of rows) if (r.phoneHash && byHash.has(r.phoneHash)) out.set(byHash.get(r.phoneHash)!, r.id);
    }
    return out;
  }

  async findByPhone(phone: string, m: EntityManager = this.ds.manager): Promise<MemberEntity | null> {
    return m.getRepository(MemberEntity).findOne({ where: { phoneHash: this.box.lookupHash(phone) } });
  }

  async touch(memberId: number, at = new Date()): Promise<void> {
    await this.ds.getRepository(MemberEntity).update({ id: memberId }, { lastSeenAt: at });
    this.changed({ memberIds: [memberId], fields: ['lastSeenAt'] });
  }

  async get(id: number): Promise<MemberEntity> {
    const m = await this.ds.getRepository(MemberEntity).findOne({ where: { id } });
    if (!m) throw (await this.merges.goneError(id)) ?? new NotFoundError('member', id);
    return m;
  }

  /** The member, if this viewer may see it (404 otherwise). */
  async visible(viewer: AdminPrincipal, id: number): Promise<MemberEntity> {
    return this.loadVisible(viewer, id);
  }

  /** Store roles see only members of their stores; to them others simply do not exist. */
  private async loadVisible(viewer: AdminPrincipal | null, id: number): Promise<MemberEntity> {
    const m = await this.get(id);
    if (viewer && isStoreRole(viewer) && (m.storeId == null || !viewer.storeIds.includes(m.storeId))) {
      throw new NotFoundError('member', id);
    }
    return m;
  }

  private phoneOf(input: string | undefined, problems: FieldProblem[]): string | null {
    if (input === undefined || input === '') return null;
    const p = normalizePhone(input);
    if (!p) problems.push({ field: 'phone', message: 'must be a mainland mobile number (11 digits starting with 1)' });
    return p;
  }

  private phoneColumns(phone: string | null) {
    return phone
      ? { phoneEncrypted: this.box.encrypt(phone), phoneHash: this.box.lookupHash(phone), phoneMasked: maskPhone(phone) }
      : { phoneEncrypted: null, phoneHash: null, phoneMasked: null };
  }

  private async assertStore(m: EntityManager, storeId: number, problems: FieldProblem[]) {
    const n = await m.query('SELECT COUNT(*) AS n FROM store WHERE id = ?', [storeId]);
    if (!Number(n[0]?.n)) problems.push({ field: 'storeId', message: 'no such store' });
  }

  private async assertIdentitiesFree(m: EntityManager, selfId: number | null, phone: string | null, identities: CreateMemberDto['identities'] & object) {
    const repo = m.getRepository(MemberIdentityEntity);
    if (phone) {
      const owner = await repo.findOne({ where: { type: 'phone', appId: '', value: this.box.lookupHash(phone) } });
      if (owner && owner.memberId !== selfId) throw new ConflictError('phone', `phone ${maskPhone(phone)} already belongs to member ${owner.memberId}`);
    }
    for (const [i, ident] of identities.entries()) {
      const appId = APP_SCOPED.includes(ident.type) ? (ident.appId ?? '') : '';
      if (APP_SCOPED.includes(ident.type) && !appId) {
        throw new BadInputError(`identities[${i}].appId is required for ${ident.type}`, [{ field: `identities.${i}.appId`, message: 'required for this type' }]);
      }
      const owner = await repo.findOne({ where: { type: ident.type, appId, value: ident.value } });
      if (owner && owner.memberId !== selfId) {
        throw new ConflictError(`identities.${i}.value`, `${ident.type} ${ident.value} already belongs to member ${owner.memberId}`);
      }
    }
  }

  /**
   * Links identities to the member. Ones it already has are skipped; a plain INSERT (no IGNORE) makes
   * the unique key refuse an identity another transaction just gave to someone else, so the caller's
   * transaction rolls back instead of leaving a second, identity-less member behind.
   */
  private async addIdentities(m: EntityManager, memberId: number, phone: string | null, identities: CreateMemberDto['identities'] & object) {
    const rows = identities.map((i) => ({ memberId, type: i.type as IdentityType, appId: APP_SCOPED.includes(i.type) ? (i.appId ?? '') : '', value: i.value }));
    if (phone) rows.push({ memberId, type: 'phone', appId: '', value: this.box.lookupHash(phone) });
    const repo = m.getRepository(MemberIdentityEntity);
    for (const row of rows) {
      const owner = await repo.findOne({ where: { type: row.type, appId: row.appId, value: row.value } });
      if (owner?.memberId === memberId) continue;
      await repo.insert(row);
    }
  }
}

function birthdayColumns(dto: { birthday?: { year?: number | null; month: number; day: number } }) {
  const b = dto.birthday;
  if (!b) return { birthYear: null, birthMonth: null, birthDay: null };
  const year = b.year ?? 2000; // a leap year, so 02-29 is valid without a year
  const d = new Date(Date.UTC(year, b.month - 1, b.day));
  if (d.getUTCMonth() !== b.month - 1) {
    throw new BadInputError(`birthday ${b.month}-${b.day} is not a real date`, [{ field: 'birthday', message: 'not a real date' }]);
  }
  return { birthYear: b.year ?? null, birthMonth: b.month, birthDay: b.day };
}

export function summary(m: MemberEntity, tags: TagRefDto[]): MemberSummaryDto {
  return {
    id: m.id,
    nickname: m.nickname,
    avatarUrl: m.avatarUrl,
    gender: m.gender,
    phoneMasked: m.phoneMasked,
    province: m.province,
    city: m.city,
    sourceChannel: m.sourceChannel,
    lifecycleStage: m.lifecycleStage,
    level: m.level,
    points: m.points,
    leadScore: m.leadScore,
    leadStage: m.leadStage,
    storeId: m.storeId,
    firstSeenAt: isoOrNull(m.firstSeenAt),
    lastSeenAt: isoOrNull(m.lastSeenAt),
    createdAt: isoOrNull(m.createdAt) ?? '',
    tags,
  };
}

function identityDto(i: MemberIdentityEntity, m: MemberEntity): IdentityDto {
  return {
    id: i.id,
    type: i.type,
    appId: i.appId || null,
    value: i.type === 'phone' ? (m.phoneMasked ?? '***') : i.value,
    consent: i.consent == null ? null : Boolean(i.consent),
    consentAt: isoOrNull(i.consentAt),
    createdAt: isoOrNull(i.createdAt) ?? '',
  };
}

/** What goes into the audit log: never the raw phone. */
function auditView(dto: UpdateMemberDto) {
  const { phone, ...rest } = dto;
  return phone === undefined ? rest : { ...rest, phone: phone ? maskPhone(normalizePhone(phone) ?? phone) : null };
}

function auditOf(d: MemberDetailDto) {
  const { tags: _t, identities: _i, ...rest } = d;
  return rest;
}
