import { Injectable } from '@nestjs/common';
import { Compiled, countQuery } from './segment-compiler';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { MembersService } from '../members/members.service';
import { AuditService } from '../platform/audit/audit.service';
import { BadInputError, ConflictError, NotFoundError } from '../platform/errors/app-error';
import { AdminPrincipal } from '../platform/http/request-context';
import { isoOrNull } from '../platform/time/time';
import { SegmentCountEntity, SegmentEntity, SegmentMemberEntity } from './segment.entity';
import { CreateSegmentDto, SegmentDto, SegmentMembersPageDto, UpdateSegmentDto } from './segments.dto';
import { SegmentsService } from './segments.service';

const TREND_POINTS = 30;

/** A saved segment changed (membership tracking rebuilds or forgets what it keeps for it). */
export interface SegmentChange {
  segmentId: number;
  tracked: boolean;
  trackingChanged: boolean;
  ruleChanged: boolean;
  deleted: boolean;
  /** a static segment's list gained or lost these members */
  members?: number[];
}

/** Saved segments: dynamic (a rule) or static (a list), their members and their size over time. */
@Injectable()
export class SavedSegmentsService {
  private readonly listeners: ((change: SegmentChange) => Promise<void>)[] = [];

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly segments: SegmentsService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
  ) {}

  /** Told after a segment is saved or deleted. */
  onChange(listener: (change: SegmentChange) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** A static segment's list changed (an import added members): segments built on it re-evaluate them. */
  async listChanged(segmentId: number, memberIds: number[]): Promise<void> {
    if (memberIds.length) await this.tell({ segmentId, tracked: false, trackingChanged: false, ruleChanged: false, deleted: false, members: memberIds });
  }

  private async tell(change: SegmentChange): Promise<void> {
    for (const l of this.listeners) await l(change);
  }

  async create(dto: CreateSegmentDto, actor: AdminPrincipal): Promise<SegmentDto> {
    if (dto.tracked && dto.type === 'static') throw untrackable();
    if (dto.type === 'dynamic' && !dto.rule) throw new BadInputError('a dynamic segment needs a rule', [{ field: 'rule', message: 'required for dynamic segments' }]);
    if (dto.type === 'dynamic' && dto.memberIds) throw new BadInputError('a dynamic segment is defined by its rule, not a member list', [{ field: 'memberIds', message: 'only for static segments' }]);
    if (dto.type === 'static' && !dto.rule && !dto.memberIds) throw new BadInputError('a static segment needs members: a rule to snapshot or memberIds', [{ field: 'memberIds', message: 'give memberIds or a rule' }]);
    if (dto.type === 'static' && dto.rule && dto.memberIds) throw new BadInputError('give either a rule to snapshot or memberIds, not both', [{ field: 'memberIds', message: 'not with a rule' }]);
    const where = dto.rule ? await this.segments.compile(dto.rule) : null;
    await this.assertNameFree(dto.name);
    if (dto.memberIds) {
      const ids = [...new Set(dto.memberIds)];
      const found = await this.ds.getRepository(MemberEntity).count({ where: { id: In(ids) } });
      if (found !== ids.length) throw new BadInputError(`${ids.length - found} of the members do not exist`, [{ field: 'memberIds', message: 'contains unknown members' }]);
    }
    const id = await this.ds.transaction(async (m) => {
      const row = await m.getRepository(SegmentEntity).save(
        m.getRepository(SegmentEntity).create({ name: dto.name, description: dto.description ?? null, type: dto.type, rule: dto.rule ?? null, tracked: !!dto.tracked, createdBy: actor.id }),
      );
      if (dto.type === 'static') {
        if (where) {
          // one statement, however many members match: the snapshot never passes through the server
          await m.query(`INSERT INTO segment_member (segment_id, member_id) SELECT ?, m.id FROM member m WHERE ${where.sql}`, [row.id, ...where.params]);
        } else {
          const ids = [...new Set(dto.memberIds)];
          for (let i = 0; i < ids.length; i += 1000) await m.getRepository(SegmentMemberEntity).insert(ids.slice(i, i + 1000).map((memberId) => ({ segmentId: row.id, memberId })));
        }
      }
      await this.audit.record({ action: 'segment.create', entityType: 'segment', entityId: row.id, after: { name: row.name, type: row.type, rule: row.rule, tracked: row.tracked } }, m);
      return row.id;
    });
    if (dto.tracked) await this.tell({ segmentId: id, tracked: true, trackingChanged: true, ruleChanged: false, deleted: false });
    await this.recount(id);
    return this.get(id);
  }

  async list(): Promise<SegmentDto[]> {
    const rows = await this.ds.getRepository(SegmentEntity).find({ order: { id: 'DESC' } });
    const trends = await this.trends(rows.map((r) => r.id));
    return rows.map((r) => toDto(r, trends.get(r.id) ?? []));
  }

  async get(id: number): Promise<SegmentDto> {
    const row = await this.load(id);
    return toDto(row, (await this.trends([id])).get(id) ?? []);
  }

  async update(id: number, dto: UpdateSegmentDto): Promise<SegmentDto> {
    const row = await this.load(id);
    if (dto.rule && row.type === 'static') throw new BadInputError("a static segment's members are fixed; make a new one from the rule", [{ field: 'rule', message: 'not for static segments' }]);
    if (dto.tracked && row.type === 'static') throw untrackable();
    if (dto.rule) await this.segments.compile(dto.rule, id);
    if (dto.name && dto.name !== row.name) await this.assertNameFree(dto.name);
    const before = { name: row.name, description: row.description, rule: row.rule, tracked: row.tracked };
    const trackingChanged = dto.tracked !== undefined && dto.tracked !== row.tracked;
    const ruleChanged = dto.rule !== undefined && JSON.stringify(dto.rule) !== JSON.stringify(row.rule);
    if (dto.name !== undefined) row.name = dto.name;
    if (dto.description !== undefined) row.description = dto.description;
    if (dto.rule !== undefined) row.rule = dto.rule;
    if (dto.tracked !== undefined) row.tracked = dto.tracked;
    // off: the membership is forgotten, and turning it on again starts from a fresh baseline
    if (trackingChanged && !row.tracked) row.lastSweptAt = null;
    await this.ds.transaction(async (m) => {
      await m.getRepository(SegmentEntity).save(row);
      await this.audit.record({ action: 'segment.update', entityType: 'segment', entityId: id, before, after: { name: row.name, description: row.description, rule: row.rule, tracked: row.tracked } }, m);
    });
    if (trackingChanged || ruleChanged) await this.tell({ segmentId: id, tracked: row.tracked, trackingChanged, ruleChanged, deleted: false });
    if (dto.rule) await this.recount(id);
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    const row = await this.load(id);
    const users = (await this.ds.getRepository(SegmentEntity).find({ where: { type: 'dynamic' } })).filter((s) => s.id !== id && refersTo(s.rule, id));
    if (users.length) throw new ConflictError('id', `segment ${id} is used by ${users.map((u) => `"${u.name}"`).join(', ')}; change those rules first`);
    await this.ds.transaction(async (m) => {
      await this.erase(id, m);
      await this.audit.record({ action: 'segment.delete', entityType: 'segment', entityId: id, before: { name: row.name, type: row.type, rule: row.rule } }, m);
    });
    await this.tell({ segmentId: id, tracked: false, trackingChanged: row.tracked, ruleChanged: false, deleted: true });
  }

  /** A segment's rows: its list, its count history and itself (no checks, no audit: callers do those). */
  async erase(id: number, m: EntityManager): Promise<void> {
    await m.getRepository(SegmentMemberEntity).delete({ segmentId: id });
    await m.getRepository(SegmentCountEntity).delete({ segmentId: id });
    await m.getRepository(SegmentEntity).delete({ id });
  }

  /** Counts the segment now and adds the figure to its history. */
  async recount(id: number): Promise<SegmentDto> {
    const row = await this.load(id);
    const count = await this.countOf(row, this.ds.manager);
    const at = new Date();
    await this.ds.transaction(async (m) => {
      await m.getRepository(SegmentEntity).update({ id }, { lastCount: count, lastCountedAt: at });
      await m.getRepository(SegmentCountEntity).insert({ segmentId: id, count, countedAt: at });
    });
    return this.get(id);
  }

  /** The segment's members, newest first, a page at a time. */
  async memberPage(id: number, limit: number, cursor?: string): Promise<SegmentMembersPageDto> {
    const row = await this.load(id);
    const { sql, params } = await this.membership(row);
    const seek = cursor ? ' AND m.id < ?' : '';
    const ids: { id: number | string }[] = await this.ds.query(`SELECT m.id FROM member m WHERE (${sql})${seek} ORDER BY m.id DESC LIMIT ?`, [...params, ...(cursor ? [Number(cursor)] : []), limit + 1]);
    const page = ids.slice(0, limit).map((r) => Number(r.id));
    const rows = page.length ? await this.ds.getRepository(MemberEntity).find({ where: { id: In(page) }, order: { id: 'DESC' } }) : [];
    return { items: await this.members.summaries(rows), nextCursor: ids.length > limit ? String(page[page.length - 1]) : null };
  }

  private async countOf(row: SegmentEntity, m: EntityManager): Promise<number> {
    const count = countQuery(await this.membership(row));
    const [{ n }] = await m.query(count.sql, count.params);
    return Number(n);
  }

  /** Membership as a condition on `member m`: the rule, or the stored list. */
  async membership(row: SegmentEntity): Promise<Compiled> {
    if (row.type === 'static') return { sql: 'EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = ? AND sm.member_id = m.id)', params: [row.id] };
    return this.segments.compile(row.rule, row.id);
  }

  private async trends(ids: number[]): Promise<Map<number, { at: string; count: number }[]>> {
    const out = new Map<number, { at: string; count: number }[]>();
    if (!ids.length) return out;
    const rows = await this.ds.getRepository(SegmentCountEntity).find({ where: { segmentId: In(ids) }, order: { countedAt: 'DESC', id: 'DESC' } });
    for (const r of rows) {
      const list = out.get(r.segmentId) ?? [];
      if (list.length < TREND_POINTS) list.push({ at: isoOrNull(r.countedAt) ?? '', count: r.count });
      out.set(r.segmentId, list);
    }
    for (const list of out.values()) list.reverse();
    return out;
  }

  private async load(id: number): Promise<SegmentEntity> {
    const row = await this.ds.getRepository(SegmentEntity).findOne({ where: { id } });
    if (!row) throw new NotFoundError('segment', id);
    return row;
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.ds.getRepository(SegmentEntity).exists({ where: { name } })) throw new ConflictError('name', `a segment named "${name}" already exists`);
  }
}

/** Whether a rule tree names segment `id` anywhere. */
function refersTo(rule: unknown, id: number): boolean {
  if (!rule || typeof rule !== 'object') return false;
  const r = rule as { kind?: unknown; segmentId?: unknown; rules?: unknown };
  if (r.kind === 'segment' && r.segmentId === id) return true;
  return Array.isArray(r.rules) && r.rules.some((c) => refersTo(c, id));
}

function toDto(r: SegmentEntity, trend: { at: string; count: number }[]): SegmentDto {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    type: r.type,
    rule: r.rule,
    tracked: !!r.tracked,
    lastSweptAt: isoOrNull(r.lastSweptAt),
    count: r.lastCount,
    countedAt: isoOrNull(r.lastCountedAt),
    trend,
    createdAt: isoOrNull(r.createdAt) ?? '',
    updatedAt: isoOrNull(r.updatedAt) ?? '',
  };
}

function untrackable(): BadInputError {
  return new BadInputError('a static segment cannot be tracked: its members only change when its list does', [{ field: 'tracked', message: 'only dynamic segments can be tracked' }]);
}
