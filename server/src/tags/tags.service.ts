import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { isoOrNull } from '../platform/time/time';
import { AuditService } from '../platform/audit/audit.service';
import { BadInputError, ConflictError, NotFoundError } from '../platform/errors/app-error';
import { AdminPrincipal } from '../platform/http/request-context';
import { MemberTagDto, SaveTagDto, SaveTagGroupDto, TagDto, TagGroupDto, TagRefDto, UpdateTagDto, UpdateTagGroupDto } from './tags.dto';
import { MemberTagEntity, TagEntity, TagGroupEntity, TagSource } from './tag.entity';

export interface TagActor {
  source: TagSource;
  userId: number | null;
  name: string;
  /** Set when the change came from a WeChat account's own tags (so it is not echoed back there). */
  originAccountId?: number;
}

/** Members gained or lost tags (told to listeners such as the WeChat tag sync). */
export interface TagChange {
  action: 'add' | 'remove';
  memberIds: number[];
  tagIds: number[];
  actor: TagActor;
}

export function actorOf(p: AdminPrincipal, source: TagSource = 'manual'): TagActor {
  return { source, userId: p.id, name: p.username };
}

/** Tag groups, tags, and which members carry which tags (with who added them, and when). */
@Injectable()
export class TagsService {
  private readonly listeners: ((change: TagChange) => void)[] = [];
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ---- groups -------------------------------------------------------------------------------

  async listGroups(): Promise<TagGroupDto[]> {
    const rows = await this.ds.getRepository(TagGroupEntity).find({ order: { sortOrder: 'ASC', id: 'ASC' } });
    return rows.map((g) => ({ id: g.id, name: g.name, description: g.description }));
  }

  async createGroup(dto: SaveTagGroupDto): Promise<TagGroupDto> {
    await this.assertGroupNameFree(dto.name);
    return this.ds.transaction(async (m) => {
      const g = await m.getRepository(TagGroupEntity).save({ name: dto.name, description: dto.description ?? null });
      const out = { id: g.id, name: g.name, description: g.description };
      await this.audit.record({ action: 'tag_group.create', entityType: 'tag_group', entityId: g.id, after: out }, m);
      return out;
    });
  }

  async updateGroup(id: number, dto: UpdateTagGroupDto): Promise<TagGroupDto> {
    const repo = this.ds.getRepository(TagGroupEntity);
    const g = await repo.findOne({ where: { id } });
    if (!g) throw new NotFoundError('tag group', id);
    if (dto.name && dto.name !== g.name) await this.assertGroupNameFree(dto.name);
    const before = { id: g.id, name: g.name, description: g.description };
    if (dto.name !== undefined) g.name = dto.name;
    if (dto.description !== undefined) g.description = dto.description;
    return this.ds.transaction(async (m) => {
      await m.getRepository(TagGroupEntity).save(g);
      const after = { id: g.id, name: g.name, description: g.description };
      await this.audit.record({ action: 'tag_group.update', entityType: 'tag_group', entityId: id, before, after }, m);
      return after;
    });
  }

  /** A group can go only when it is empty, so no tag silently loses its group. */
  async deleteGroup(id: number): Promise<void> {
    const g = await this.ds.getRepository(TagGroupEntity).findOne({ where: { id } });
    if (!g) throw new NotFoundError('tag group', id);
    const tags = await this.ds.getRepository(TagEntity).count({ where: { groupId: id } });
    if (tags) throw new ConflictError('groupId', `tag group "${g.name}" still has ${tags} tag(s); move or delete them first`);
    await this.ds.transaction(async (m) => {
      await m.getRepository(TagGroupEntity).delete({ id });
      await this.audit.record({ action: 'tag_group.delete', entityType: 'tag_group', entityId: id, before: { id, name: g.name } }, m);
    });
  }

  // ---- tags ---------------------------------------------------------------------------------

  async listTags(groupId?: number): Promise<TagDto[]> {
    const rows = await this.ds.getRepository(TagEntity).find({ where: groupId ? { groupId } : {}, order: { groupId: 'ASC', id: 'ASC' } });
    return rows.map((t) => this.tagDto(t, t.memberCount));
  }

  async getTag(id: number): Promise<TagDto> {
    const t = await this.ds.getRepository(TagEntity).findOne({ where: { id } });
    if (!t) throw new NotFoundError('tag', id);
    return this.tagDto(t, t.memberCount);
  }

  async createTag(dto: SaveTagDto): Promise<TagDto> {
    if (dto.groupId) await this.assertGroup(dto.groupId);
    await this.assertTagNameFree(dto.name);
    return this.ds.transaction(async (m) => {
      const t = await m.getRepository(TagEntity).save(
        m.getRepository(TagEntity).create({ name: dto.name, groupId: dto.groupId ?? null, color: dto.color ?? '#409EFF', description: dto.description ?? null }),
      );
      const out = this.tagDto(t, 0);
      await this.audit.record({ action: 'tag.create', entityType: 'tag', entityId: t.id, after: out }, m);
      return out;
    });
  }

  async updateTag(id: number, dto: UpdateTagDto): Promise<TagDto> {
    const t = await this.ds.getRepository(TagEntity).findOne({ where: { id } });
    if (!t) throw new NotFoundError('tag', id);
    if (dto.groupId) await this.assertGroup(dto.groupId);
    if (dto.name && dto.name !== t.name) await this.assertTagNameFree(dto.name);
    const before = this.tagDto(t, 0);
    if (dto.name !== undefined) t.name = dto.name;
    if (dto.groupId !== undefined) t.groupId = dto.groupId;
    if (dto.color !== undefined) t.color = dto.color;
    if (dto.description !== undefined) t.description = dto.description;
    await this.ds.transaction(async (m) => {
      await m.getRepository(TagEntity).save(t);
      await this.audit.record({ action: 'tag.update', entityType: 'tag', entityId: id, before, after: this.tagDto(t, 0) }, m);
    });
    return this.getTag(id);
  }

  /** Deleting a tag takes it off every member in the same transaction. */
  async deleteTag(id: number): Promise<void> {
    const t = await this.ds.getRepository(TagEntity).findOne({ where: { id } });
    if (!t) throw new NotFoundError('tag', id);
    await this.ds.transaction(async (m) => {
      const removed = await m.getRepository(MemberTagEntity).delete({ tagId: id });
      await m.getRepository(TagEntity).delete({ id });
      await this.audit.record({ action: 'tag.delete', entityType: 'tag', entityId: id, before: { ...this.tagDto(t, removed.affected ?? 0) } }, m);
    });
  }

  /** Tags by name, creating the missing ones (CSV import, API). */
  async findOrCreateByNames(names: string[], m: EntityManager = this.ds.manager): Promise<Map<string, number>> {
    const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    const out = new Map<string, number>();
    if (!wanted.length) return out;
    const repo = m.getRepository(TagEntity);
    for (const t of await repo.find({ where: { name: In(wanted) } })) out.set(t.name, t.id);
    for (const name of wanted.filter((n) => !out.has(n))) {
      if (name.length > 64) throw new BadInputError(`tag name "${name.slice(0, 20)}…" is longer than 64 characters`);
      await repo.createQueryBuilder().insert().values({ name, color: '#409EFF' }).orIgnore().execute();
      const t = await repo.findOneOrFail({ where: { name } });
      out.set(name, t.id);
    }
    return out;
  }

  // ---- member ↔ tag -------------------------------------------------------------------------

  async assertTagsExist(tagIds: number[]): Promise<void> {
    const ids = [...new Set(tagIds)];
    if (!ids.length) return;
    const found = await this.ds.getRepository(TagEntity).find({ where: { id: In(ids) }, select: { id: true } });
    const missing = ids.filter((id) => !found.some((t) => t.id === id));
    if (missing.length) throw new BadInputError(`unknown tag id(s): ${missing.join(', ')}`, [{ field: 'tagIds', message: `unknown: ${missing.join(', ')}` }]);
  }

  /** Adds tags to members; tags they already carry keep their original who/when. Returns links added. */
  async addToMembers(memberIds: number[], tagIds: number[], actor: TagActor, m: EntityManager = this.ds.manager): Promise<number> {
    const members = [...new Set(memberIds)];
    const tags = [...new Set(tagIds)];
    if (!members.length || !tags.length) return 0;
    const repo = m.getRepository(MemberTagEntity);
    let added = 0;
    for (let i = 0; i < members.length; i += 500) {
      const chunk = members.slice(i, i + 500);
      const existing = await repo.find({ where: { memberId: In(chunk), tagId: In(tags) }, select: { memberId: true, tagId: true } });
      const have = new Set(existing.map((e) => `${e.memberId}:${e.tagId}`));
      const rows = chunk.flatMap((memberId) =>
        tags.filter((tagId) => !have.has(`${memberId}:${tagId}`)).map((tagId) => ({ memberId, tagId, source: actor.source, addedByUserId: actor.userId, addedBy: actor.name.slice(0, 64) })),
      );
      // IGNORE: a concurrent writer may have added the same link since we looked.
      for (let j = 0; j < rows.length; j += 1000) await repo.createQueryBuilder().insert().values(rows.slice(j, j + 1000)).orIgnore().execute();
      added += rows.length;
      const perTag = new Map<number, number>();
      for (const r of rows) perTag.set(r.tagId, (perTag.get(r.tagId) ?? 0) + 1);
      for (const [tagId, n] of perTag) await m.getRepository(TagEntity).increment({ id: tagId }, 'memberCount', n);
    }
    if (added) this.notify({ action: 'add', memberIds: members, tagIds: tags, actor });
    return added;
  }

  /** Told of every tag change made on behalf of someone (not of merges moving tags between records). */
  onChange(listener: (change: TagChange) => void): void {
    this.listeners.push(listener);
  }

  private notify(change: TagChange): void {
    for (const l of this.listeners) l(change);
  }

  /** Removes tags; with an actor the change is told to listeners (merges and erasure pass none). */
  async removeFromMembers(memberIds: number[], tagIds: number[], m: EntityManager = this.ds.manager, actor?: TagActor): Promise<number> {
    if (!memberIds.length || !tagIds.length) return 0;
    let removed = 0;
    for (const tagId of new Set(tagIds)) {
      const res = await m.getRepository(MemberTagEntity).delete({ memberId: In(memberIds), tagId });
      const n = res.affected ?? 0;
      if (n) await m.getRepository(TagEntity).decrement({ id: tagId }, 'memberCount', n);
      removed += n;
    }
    if (actor && removed) this.notify({ action: 'remove', memberIds, tagIds: [...new Set(tagIds)], actor });
    return removed;
  }

  /** Recounts tags from their links (after bulk loads that bypass this service, or to repair drift). */
  async recount(tagIds?: number[], m: EntityManager = this.ds.manager): Promise<void> {
    const where = tagIds?.length ? `WHERE id IN (${tagIds.map(() => '?').join(',')})` : '';
    await m.query(`UPDATE tag SET member_count = (SELECT COUNT(*) FROM member_tag mt WHERE mt.tag_id = tag.id) ${where}`, tagIds ?? []);
  }

  async tagsOfMembers(memberIds: number[]): Promise<Map<number, TagRefDto[]>> {
    const out = new Map<number, TagRefDto[]>();
    if (!memberIds.length) return out;
    const rows = await this.ds
      .getRepository(MemberTagEntity)
      .createQueryBuilder('mt')
      .innerJoin(TagEntity, 't', 't.id = mt.tagId')
      .select(['mt.memberId AS memberId', 't.id AS id', 't.name AS name', 't.color AS color'])
      .where('mt.memberId IN (:...ids)', { ids: memberIds })
      .orderBy('t.id', 'ASC')
      .getRawMany<{ memberId: number; id: number; name: string; color: string }>();
    for (const r of rows) {
      const list = out.get(Number(r.memberId)) ?? [];
      list.push({ id: Number(r.id), name: r.name, color: r.color });
      out.set(Number(r.memberId), list);
    }
    return out;
  }

  async memberTags(memberId: number): Promise<MemberTagDto[]> {
    const rows = await this.ds
      .getRepository(MemberTagEntity)
      .createQueryBuilder('mt')
      .innerJoin(TagEntity, 't', 't.id = mt.tagId')
      .select(['t.id AS id', 't.name AS name', 't.color AS color', 't.group_id AS groupId', 'mt.added_by AS addedBy', 'mt.source AS source', 'mt.created_at AS addedAt'])
      .where('mt.memberId = :memberId', { memberId })
      .orderBy('mt.createdAt', 'ASC')
      .getRawMany<{ id: number; name: string; color: string; groupId: number | null; addedBy: string; source: string; addedAt: string | Date }>();
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      color: r.color,
      groupId: r.groupId == null ? null : Number(r.groupId),
      addedBy: r.addedBy,
      source: r.source,
      addedAt: toIso(r.addedAt),
    }));
  }

  /** Restricts a member query to members carrying the tag (used by member lists and exports). */
  applyHasTag<T extends object>(qb: SelectQueryBuilder<T>, memberIdColumn: string, tagId: number, param = 'hasTagId'): void {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM member_tag mt_f WHERE mt_f.member_id = ${memberIdColumn} AND mt_f.tag_id = :${param})`,
      { [param]: tagId },
    );
  }

  /**
   * A merge: the absorbed member's tags go to the kept member (keeping who added them and when),
   * except ones it already carries. Returns what an undo needs.
   */
  async moveMember(from: number, to: number, m: EntityManager): Promise<{ links: SavedTagLink[]; added: number[] }> {
    const repo = m.getRepository(MemberTagEntity);
    const [theirs, mine] = await Promise.all([repo.find({ where: { memberId: from } }), repo.find({ where: { memberId: to }, select: { tagId: true } })]);
    const have = new Set(mine.map((t) => t.tagId));
    const moving = theirs.filter((t) => !have.has(t.tagId));
    if (moving.length) await repo.update({ memberId: from, tagId: In(moving.map((t) => t.tagId)) }, { memberId: to });
    const dropped = theirs.filter((t) => have.has(t.tagId)).map((t) => t.tagId);
    await this.removeFromMembers([from], dropped, m);
    return { links: theirs.map(savedLink), added: moving.map((t) => t.tagId) };
  }

  /** Undoes moveMember: the tags it gave the kept member go back, the absorbed member's own return. */
  async restoreMember(from: number, to: number, record: unknown, m: EntityManager): Promise<void> {
    const rec = record as { links: SavedTagLink[]; added: number[] };
    await this.removeFromMembers([to], rec.added, m);
    // The absorbed member's row only comes back inside this transaction, so none of its links exist yet.
    for (const link of rec.links) {
      await m.getRepository(MemberTagEntity).insert({ ...link, memberId: from, createdAt: new Date(link.createdAt) });
      await m.getRepository(TagEntity).increment({ id: link.tagId }, 'memberCount', 1);
    }
  }

  /** Deletes every tag of the member (when a member is erased). */
  async clearMember(memberId: number, m: EntityManager): Promise<void> {
    const tags = await m.getRepository(MemberTagEntity).find({ where: { memberId }, select: { tagId: true } });
    await this.removeFromMembers([memberId], tags.map((t) => t.tagId), m);
  }

  /** Which of these members carry the tag. */
  async membersWithTag(tagId: number, memberIds: number[]): Promise<Set<number>> {
    if (!memberIds.length) return new Set();
    const rows = await this.ds.getRepository(MemberTagEntity).find({ where: { tagId, memberId: In(memberIds) }, select: { memberId: true } });
    return new Set(rows.map((r) => r.memberId));
  }

  /** Every member carrying the tag (ids only), for reconciling with a WeChat tag. */
  async allMembersWithTag(tagId: number): Promise<number[]> {
    const rows = await this.ds.getRepository(MemberTagEntity).find({ where: { tagId }, select: { memberId: true } });
    return rows.map((r) => r.memberId);
  }

  /** The number of members carrying a tag (kept current on every add and remove). */
  async memberCount(tagId: number): Promise<number> {
    const t = await this.ds.getRepository(TagEntity).findOne({ where: { id: tagId }, select: { id: true, memberCount: true } });
    return t?.memberCount ?? 0;
  }

  private tagDto(t: TagEntity, memberCount: number): TagDto {
    return { id: t.id, name: t.name, groupId: t.groupId, color: t.color, description: t.description, memberCount };
  }

  private async assertGroup(id: number) {
    if (!(await this.ds.getRepository(TagGroupEntity).exists({ where: { id } }))) {
      throw new BadInputError(`tag group ${id} does not exist`, [{ field: 'groupId', message: 'no such tag group' }]);
    }
  }

  private async assertGroupNameFree(name: string) {
    if (await this.ds.getRepository(TagGroupEntity).exists({ where: { name } })) throw new ConflictError('name', `tag group "${name}" already exists`);
  }

  private async assertTagNameFree(name: string) {
    if (await this.ds.getRepository(TagEntity).exists({ where: { name } })) throw new ConflictError('name', `tag "${name}" already exists`);
  }
}

export function toIso(v: string | Date | null | undefined): string {
  return isoOrNull(v) ?? '';
}

export interface SavedTagLink {
  tagId: number;
  source: TagSource;
  addedByUserId: number | null;
  addedBy: string;
  createdAt: string;
}

function savedLink(t: MemberTagEntity): SavedTagLink {
  return { tagId: t.tagId, source: t.source, addedByUserId: t.addedByUserId, addedBy: t.addedBy, createdAt: new Date(t.createdAt).toISOString() };
}
