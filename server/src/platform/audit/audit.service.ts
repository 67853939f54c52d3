import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { requestContext } from '../http/request-context';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditPage {
  items: AuditLogEntity[];
  nextCursor: string | null;
}

/** Who changed what, when, with before/after. The actor comes from the request context. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLogEntity) private readonly repo: Repository<AuditLogEntity>) {}

  /** Pass the transaction's manager so the audit row commits (or rolls back) with the change. */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const ctx = requestContext.current();
    const p = ctx?.principal;
    const row = this.repo.create({
      actorId: p?.kind === 'admin' ? p.id : null,
      actorName: p?.kind === 'admin' ? p.username : p?.kind === 'member' ? `member:${p.memberId}` : p?.kind === 'api_key' ? `api_key:${p.name}`.slice(0, 64) : 'system',
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: ctx?.requestId ?? null,
    });
    await (manager ? manager.getRepository(AuditLogEntity) : this.repo).save(row);
  }

  async list(opts: { limit: number; cursor?: string; entityType?: string; entityId?: string; actorId?: number }): Promise<AuditPage> {
    const qb = this.repo.createQueryBuilder('a').orderBy('a.id', 'DESC').take(opts.limit + 1);
    if (opts.cursor) qb.andWhere('a.id < :cursor', { cursor: Number(opts.cursor) });
    if (opts.entityType) qb.andWhere('a.entityType = :t', { t: opts.entityType });
    if (opts.entityId) qb.andWhere('a.entityId = :e', { e: opts.entityId });
    if (opts.actorId) qb.andWhere('a.actorId = :u', { u: opts.actorId });
    const rows = await qb.getMany();
    const more = rows.length > opts.limit;
    const items = rows.slice(0, opts.limit);
    return { items, nextCursor: more ? String(items[items.length - 1].id) : null };
  }
}
