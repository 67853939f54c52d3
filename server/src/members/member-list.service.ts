import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { isStoreRole } from '../accounts/stores.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { SecretBox, normalizePhone } from '../platform/crypto/secret-box';
import { ForbiddenError } from '../platform/errors/app-error';
import { AdminPrincipal } from '../platform/http/request-context';
import { isMysql } from '../platform/database/data-source';
import { parseBound, toDbDatetime } from '../platform/time/time';
import { TagsService } from '../tags/tags.service';
import { MemberCursor, NULL_SENTINEL, decodeCursor, encodeCursor } from './member-cursor';
import { MemberEntity } from './member.entity';
import { MemberFilterQuery, MemberSort } from './members.dto';

/** From this many tagged members on, walking members in order beats sorting the tagged ones. */
const COMMON_TAG_MEMBERS = 5000;

const SORT_COLUMN: Record<MemberSort, { expr: string; nullable: boolean }> = {
  createdAt: { expr: 'm.created_at', nullable: false },
  lastSeenAt: { expr: 'm.last_seen_at', nullable: true },
  points: { expr: 'm.points', nullable: false },
  nickname: { expr: 'm.nickname', nullable: true },
};

/** Finding members: filters, store scoping, sorting and keyset paging, shared by the list and the CSV export. */
@Injectable()
export class MemberListService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly box: SecretBox,
    private readonly tags: TagsService,
  ) {}

  /** A page of members plus the total matching the filters. */
  async page(viewer: AdminPrincipal, filter: MemberFilterQuery, limit: number, rawCursor?: string) {
    const sort = filter.sort ?? 'createdAt';
    const order = filter.order ?? 'desc';
    const cursor = rawCursor ? decodeCursor(rawCursor, sort, order) : undefined;
    // Page 1 counts; the total then rides along in the cursor, so page N costs what page 1 does.
    const total = cursor?.total ?? (await this.count(viewer, filter));
    const qb = this.filtered(viewer, filter);
    this.orderAndSeek(qb, sort, order, cursor);
    this.chooseIndex(qb, filter, sort, total);
    const { entities: rows, raw } = await qb.take(limit + 1).getRawAndEntities<{ cursor_value: string | number }>();
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const lastValue = raw[items.length - 1]?.cursor_value;
    return { items, total, nextCursor: more && last ? encodeCursor({ sort, order, value: lastValue, id: last.id, total }) : null };
  }

  /** Every matching member in order, in batches (CSV export never loads everything at once). */
  async *batches(viewer: AdminPrincipal, filter: MemberFilterQuery, batchSize = 1000): AsyncGenerator<MemberEntity[]> {
    const sort = filter.sort ?? 'createdAt';
    const order = filter.order ?? 'desc';
    let cursor: MemberCursor | undefined;
    for (;;) {
      const qb = this.filtered(viewer, filter);
      this.orderAndSeek(qb, sort, order, cursor);
      const { entities: rows, raw } = await qb.take(batchSize).getRawAndEntities<{ cursor_value: string | number }>();
      if (!rows.length) return;
      yield rows;
      if (rows.length < batchSize) return;
      cursor = { sort, order, value: raw[rows.length - 1].cursor_value, id: rows[rows.length - 1].id };
    }
  }

  /** Members matching the filters. A tag alone is counted on its own index instead of over members. */
  private async count(viewer: AdminPrincipal, f: MemberFilterQuery): Promise<number> {
    const { tagId, sort: _s, order: _o, ...rest } = f;
    const onlyTag = tagId && !isStoreRole(viewer) && Object.values(rest).every((v) => v === undefined || v === '');
    if (onlyTag) return this.tags.memberCount(tagId);
    return this.filtered(viewer, f).getCount();
  }

  /**
   * Newest-first lists of a common tag are fastest walking the members' created-at index and
   * checking the tag per row (the planner would otherwise sort every tagged member); a rare tag
   * is fastest the other way round, which the planner already picks. MySQL only: SQLite's planner
   * does well on its own here.
   */
  private chooseIndex(qb: SelectQueryBuilder<MemberEntity>, f: MemberFilterQuery, sort: MemberSort, matching: number) {
    if (!isMysql(this.ds) || sort !== 'createdAt' || !f.tagId || matching < COMMON_TAG_MEMBERS) return;
    qb.useIndex('idx_member__created');
  }

  private filtered(viewer: AdminPrincipal, f: MemberFilterQuery): SelectQueryBuilder<MemberEntity> {
    const qb = this.ds.getRepository(MemberEntity).createQueryBuilder('m');
    if (isStoreRole(viewer)) {
      if (f.storeId && !viewer.storeIds.includes(f.storeId)) throw new ForbiddenError(`store ${f.storeId} is not one of your stores`);
      qb.andWhere('m.storeId IN (:...scopeStores)', { scopeStores: viewer.storeIds.length ? viewer.storeIds : [0] });
    }
    if (f.storeId) qb.andWhere('m.storeId = :storeId', { storeId: f.storeId });
    if (f.channel) qb.andWhere('m.sourceChannel = :channel', { channel: f.channel });
    if (f.stage) qb.andWhere('m.lifecycleStage = :stage', { stage: f.stage });
    if (f.tagId) this.tags.applyHasTag(qb, 'm.id', f.tagId);
    const tz = this.config.timezone;
    if (f.createdFrom) qb.andWhere('m.createdAt >= :cf', { cf: toDbDatetime(parseBound(f.createdFrom, tz)) });
    if (f.createdTo) qb.andWhere('m.createdAt < :ct', { ct: toDbDatetime(parseBound(f.createdTo, tz, true)) });
    if (f.lastSeenFrom) qb.andWhere('m.lastSeenAt >= :lf', { lf: toDbDatetime(parseBound(f.lastSeenFrom, tz)) });
    if (f.lastSeenTo) qb.andWhere('m.lastSeenAt < :lt', { lt: toDbDatetime(parseBound(f.lastSeenTo, tz, true)) });
    const q = f.q?.trim();
    if (q) {
      const phone = normalizePhone(q);
      qb.andWhere(
        new Brackets((w) => {
          w.where('m.nickname LIKE :like', { like: `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%` });
          w.orWhere('EXISTS (SELECT 1 FROM member_identity mi WHERE mi.member_id = m.id AND mi.value = :q)', { q });
          if (phone) w.orWhere('m.phoneHash = :phoneHash', { phoneHash: this.box.lookupHash(phone) });
          if (/^\d{1,10}$/.test(q)) w.orWhere('m.id = :qid', { qid: Number(q) });
        }),
      );
    }
    return qb;
  }

  private orderAndSeek(qb: SelectQueryBuilder<MemberEntity>, sort: MemberSort, order: 'asc' | 'desc', cursor?: MemberCursor) {
    const col = SORT_COLUMN[sort];
    const expr = col.nullable ? `COALESCE(${col.expr}, :sentinel)` : col.expr;
    if (col.nullable) qb.setParameter('sentinel', NULL_SENTINEL[sort]);
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const cmp = order === 'asc' ? '>' : '<';
    if (cursor) {
      qb.andWhere(`(${expr} ${cmp} :cv OR (${expr} = :cv AND m.id ${cmp} :cid))`, { cv: cursor.value, cid: cursor.id });
    }
    qb.orderBy(expr, dir).addOrderBy('m.id', dir);
    // The cursor keeps the sort value exactly as the database holds it (MySQL DATETIME(6) has
    // microseconds a JS Date would drop), so the next page starts exactly after this one.
    const exact = isMysql(this.ds) && (sort === 'createdAt' || sort === 'lastSeenAt') ? `CAST(${expr} AS CHAR)` : expr;
    qb.addSelect(exact, 'cursor_value');
  }
}
