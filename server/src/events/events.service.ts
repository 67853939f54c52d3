import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { duplicateKey } from '../platform/errors/http-exception.filter';
import { isoOrNull } from '../platform/time/time';
import { EventEntity } from './event.entity';
import { MemberEventPageDto } from './events.dto';

export interface NewEvent {
  type: string;
  source: string;
  dedupeKey: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
  memberId?: number | null;
  accountId?: number | null;
  subject?: EventEntity['subject'];
  raw?: string | null;
}

/** An event stored already linked to a member; `id` is null for set-based writes (not read back). */
export interface RecordedEvent {
  id: number | null;
  type: string;
  memberId: number;
  properties: Record<string, unknown>;
}

/** The event store: append-only, one row per real-world event (the dedupe key sees to that). */
@Injectable()
export class EventsService {
  private readonly recorded: ((events: RecordedEvent[]) => void)[] = [];

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Told of new events stored already linked to a member (custom events, page views, merges, segment
   * changes), possibly just before the caller's transaction commits. Callback events are told by
   * EventResolutionService.onResolved instead.
   */
  onRecorded(listener: (events: RecordedEvent[]) => void): void {
    this.recorded.push(listener);
  }

  private tellRecorded(rows: EventEntity[]): void {
    const linked = rows.filter((r) => r.memberId).map((r) => ({ id: r.id ?? null, type: r.type, memberId: r.memberId!, properties: r.properties }));
    if (linked.length) for (const l of this.recorded) l(linked);
  }

  /** Stores events unless their dedupe keys are there already: multi-row INSERT IGNORE in chunks, for set-based writers. */
  async recordMany(inputs: NewEvent[], m: EntityManager = this.ds.manager): Promise<void> {
    for (let i = 0; i < inputs.length; i += 500) {
      const rows = inputs.slice(i, i + 500).map((x) => this.toRow(x));
      await m.getRepository(EventEntity).createQueryBuilder().insert().values(rows as QueryDeepPartialEntity<EventEntity>[]).orIgnore().updateEntity(false).execute();
      this.tellRecorded(rows);
    }
  }

  /** Stores the event unless its dedupe key is already there; says which happened. */
  async record(input: NewEvent, m: EntityManager = this.ds.manager): Promise<{ event: EventEntity; duplicate: boolean }> {
    const repo = m.getRepository(EventEntity);
    const row = this.toRow(input);
    try {
      // One INSERT, no transaction around it and no read-back: this is on every callback's path.
      const res = await repo.createQueryBuilder().insert().values(row as QueryDeepPartialEntity<EventEntity>).updateEntity(false).execute();
      // MySQL answers { insertId }, SQLite the last rowid
      const raw = res.raw as { insertId?: number } | number | bigint;
      row.id = Number(res.identifiers[0]?.id ?? (typeof raw === 'object' ? raw.insertId : raw));
      this.tellRecorded([row]);
      return { event: row, duplicate: false };
    } catch (e) {
      if (!duplicateKey(e)) throw e;
      const existing = await repo.findOneOrFail({ where: { dedupeKey: row.dedupeKey } });
      return { event: existing, duplicate: true };
    }
  }

  /** The row an event becomes (not yet stored). */
  toRow(input: NewEvent): EventEntity {
    return this.ds.getRepository(EventEntity).create({
      type: input.type,
      source: input.source,
      dedupeKey: input.dedupeKey.slice(0, 191),
      occurredAt: input.occurredAt,
      properties: input.properties,
      memberId: input.memberId ?? null,
      accountId: input.accountId ?? null,
      subject: input.subject ?? null,
      raw: input.raw ?? null,
      status: input.memberId ? 'resolved' : 'received',
    });
  }

  async get(id: number | string): Promise<EventEntity | null> {
    return this.ds.getRepository(EventEntity).findOne({ where: { id: Number(id) } });
  }

  /** Links the event to its member ahead of marking it resolved (listeners then see it on the member). */
  async link(id: number | string, memberId: number): Promise<void> {
    await this.ds.getRepository(EventEntity).update({ id: Number(id) }, { memberId });
  }

  async resolve(id: number | string, memberId: number, m: EntityManager = this.ds.manager): Promise<void> {
    await m.getRepository(EventEntity).update({ id: Number(id) }, { memberId, status: 'resolved' });
  }

  async markFailed(id: number | string): Promise<void> {
    await this.ds.getRepository(EventEntity).update({ id: Number(id) }, { status: 'failed' });
  }

  /** A merge: the absorbed member's events become the kept member's. Returns their ids (as ranges) for an undo. */
  async moveMember(from: number, to: number, m: EntityManager): Promise<{ count: number; ranges: [number, number][] }> {
    const rows: { id: number | string }[] = await m.getRepository(EventEntity).find({ where: { memberId: from }, select: { id: true }, order: { id: 'ASC' } });
    const ids = rows.map((r) => Number(r.id));
    if (ids.length) await m.getRepository(EventEntity).update({ memberId: from }, { memberId: to });
    return { count: ids.length, ranges: toRanges(ids) };
  }

  /** Undoes moveMember: those events go back to the restored member. */
  async restoreMember(from: number, to: number, ranges: [number, number][], m: EntityManager): Promise<void> {
    for (const [lo, hi] of ranges) {
      await m.getRepository(EventEntity).createQueryBuilder().update().set({ memberId: from }).where('member_id = :to AND id BETWEEN :lo AND :hi', { to, lo, hi }).execute();
    }
  }

  /** A member's events, newest first. */
  async timeline(memberId: number, opts: { type?: string; limit: number; cursor?: string }): Promise<MemberEventPageDto> {
    const qb = this.ds.getRepository(EventEntity).createQueryBuilder('e').where('e.memberId = :memberId', { memberId });
    if (opts.type) qb.andWhere('e.type = :type', { type: opts.type });
    if (opts.cursor) qb.andWhere('e.id < :cursor', { cursor: opts.cursor });
    const rows = await qb.orderBy('e.id', 'DESC').take(opts.limit + 1).getMany();
    const more = rows.length > opts.limit;
    const items = rows.slice(0, opts.limit);
    return {
      items: items.map((e) => ({ id: String(e.id), type: e.type, source: e.source, accountId: e.accountId, occurredAt: isoOrNull(e.occurredAt) ?? '', properties: e.properties })),
      nextCursor: more ? String(items[items.length - 1].id) : null,
    };
  }
}

/** Sorted ids as [first, last] runs, so a merge record stays small however many events moved. */
export function toRanges(ids: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const id of ids) {
    const last = out[out.length - 1];
    if (last && id === last[1] + 1) last[1] = id;
    else out.push([id, id]);
  }
  return out;
}
