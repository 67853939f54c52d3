import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { NotFoundError } from '../platform/errors/app-error';
import { AdminPrincipal, ApiKeyPrincipal } from '../platform/http/request-context';
import { ApiKeyEntity } from './api-key.entity';

export interface ApiKeyView {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** API keys: created (shown once), listed by prefix, revoked; checked by hash on every call. */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(name: string, actor: AdminPrincipal): Promise<ApiKeyView & { key: string }> {
    const key = `sk_${randomBytes(24).toString('base64url')}`;
    const row = this.ds.getRepository(ApiKeyEntity).create({ name, prefix: key.slice(0, 10), keyHash: hash(key), createdBy: actor.id });
    await this.ds.transaction(async (m) => {
      await m.getRepository(ApiKeyEntity).save(row);
      await this.audit.record({ action: 'api_key.create', entityType: 'api_key', entityId: row.id, after: { name, prefix: row.prefix } }, m);
    });
    return { ...view(row), key };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.ds.getRepository(ApiKeyEntity).find({ order: { id: 'DESC' } })).map(view);
  }

  async revoke(id: number): Promise<void> {
    const row = await this.ds.getRepository(ApiKeyEntity).findOne({ where: { id } });
    if (!row) throw new NotFoundError('API key', id);
    if (row.revokedAt) return;
    await this.ds.transaction(async (m) => {
      await m.getRepository(ApiKeyEntity).update({ id }, { revokedAt: new Date() });
      await this.audit.record({ action: 'api_key.revoke', entityType: 'api_key', entityId: id, before: { name: row.name, prefix: row.prefix } }, m);
    });
  }

  /** The key's principal when it exists and is not revoked. */
  async check(rawKey: string): Promise<ApiKeyPrincipal | null> {
    if (!/^sk_[A-Za-z0-9_-]{20,64}$/.test(rawKey)) return null;
    const row = await this.ds.getRepository(ApiKeyEntity).findOne({ where: { keyHash: hash(rawKey), revokedAt: IsNull() } });
    if (!row) return null;
    // at most one write a minute per key, so busy integrations do not hammer the row
    if (!row.lastUsedAt || Date.now() - new Date(row.lastUsedAt).getTime() > 60_000) {
      await this.ds.getRepository(ApiKeyEntity).update({ id: row.id }, { lastUsedAt: new Date() });
    }
    return { kind: 'api_key', keyId: row.id, name: row.name };
  }
}

function hash(key: string) {
  return createHash('sha256').update(key).digest('hex');
}

function view(r: ApiKeyEntity): ApiKeyView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return { id: r.id, name: r.name, prefix: r.prefix, createdAt: iso(r.createdAt) ?? '', lastUsedAt: iso(r.lastUsedAt), revokedAt: iso(r.revokedAt) };
}
