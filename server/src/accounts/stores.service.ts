import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { ConflictError, NotFoundError } from '../platform/errors/app-error';
import { AdminPrincipal } from '../platform/http/request-context';
import { CreateStoreDto, StoreDto, UpdateStoreDto } from './accounts.dto';
import { StoreEntity } from './store.entity';

/** Stores (门店). Store roles see only their own. */
@Injectable()
export class StoresService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(viewer: AdminPrincipal): Promise<StoreDto[]> {
    const repo = this.ds.getRepository(StoreEntity);
    const rows = isStoreRole(viewer)
      ? await repo.find({ where: { id: In(viewer.storeIds.length ? viewer.storeIds : [0]) }, order: { id: 'ASC' } })
      : await repo.find({ order: { id: 'ASC' } });
    return rows.map(toDto);
  }

  async create(dto: CreateStoreDto): Promise<StoreDto> {
    const repo = this.ds.getRepository(StoreEntity);
    if (await repo.exists({ where: { code: dto.code } })) throw new ConflictError('code', `store code "${dto.code}" is taken`);
    return this.ds.transaction(async (m) => {
      const s = await m.getRepository(StoreEntity).save(m.getRepository(StoreEntity).create({ ...dto, city: dto.city ?? null, address: dto.address ?? null }));
      await this.audit.record({ action: 'store.create', entityType: 'store', entityId: s.id, after: toDto(s) }, m);
      return toDto(s);
    });
  }

  async update(id: number, dto: UpdateStoreDto): Promise<StoreDto> {
    const repo = this.ds.getRepository(StoreEntity);
    const s = await repo.findOne({ where: { id } });
    if (!s) throw new NotFoundError('store', id);
    const before = toDto(s);
    Object.assign(s, dto);
    return this.ds.transaction(async (m) => {
      await m.getRepository(StoreEntity).save(s);
      await this.audit.record({ action: 'store.update', entityType: 'store', entityId: id, before, after: toDto(s) }, m);
      return toDto(s);
    });
  }

  /** Every store, for modules that map their own records to stores (no viewer scoping). */
  async all(): Promise<StoreDto[]> {
    return (await this.ds.getRepository(StoreEntity).find({ order: { id: 'ASC' } })).map(toDto);
  }

  async exists(id: number): Promise<boolean> {
    return this.ds.getRepository(StoreEntity).exists({ where: { id } });
  }
}

export function isStoreRole(p: AdminPrincipal) {
  return p.role === 'store_manager' || p.role === 'store_staff';
}

function toDto(s: StoreEntity): StoreDto {
  return { id: s.id, name: s.name, code: s.code, city: s.city, address: s.address };
}
