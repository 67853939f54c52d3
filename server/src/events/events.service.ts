import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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

/** The event store: append-only, one row per real-world event (the dedupe key sees to that). */
@Injectable()
export class EventsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Stores the event unless its dedupe key is already there; says which happened. */
  async record(input: NewEvent, m: EntityManager = this.ds.manager): Promise<{ event: EventEntity; duplicate: boolean }> {
    const repo = m.getRepository(EventEntity);
    const row = repo.create({
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
    try {
      await repo.save(row);
      return { event: row, duplicate: false };
    } catch (e) {
      if (!duplicateKey(e)) throw e;
      const existing = await repo.findOneOrFail({ where: { dedupeKey: row.dedupeKey } });
      return { event: existing, duplicate: true };
    }
  }

  async get(id: number | string): Promise<EventEntity | null> {
    return this.ds.getRepository(EventEntity).findOne({ where: { id: Number(id) } });
  }

  async resolve(id: number | string, memberId: number, m: EntityManager = this.ds.manager): Promise<void> {
    await m.getRepository(EventEntity).update({ id: Number(id) }, { memberId, status: 'resolved' });
  }

  async markFailed(id: number | string): Promise<void> {
    await this.ds.getRepository(EventEntity).update({ id: Number(id) }, { status: 'failed' });
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
