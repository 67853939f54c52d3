import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { BadInputError, ConflictError, FieldProblem, NotFoundError } from '../platform/errors/app-error';
import { AttributeDefinitionEntity, MemberAttributeEntity } from './attribute.entity';
import { AttributeValue, fromColumns, toColumns } from './attribute-value';
import { AttributeDefinitionDto, CreateAttributeDefinitionDto, UpdateAttributeDefinitionDto } from './attributes.dto';

/** Custom member attributes: operators define them; members carry typed values. */
@Injectable()
export class AttributesService {
  private readonly listeners: ((memberIds: number[], keys: string[]) => void)[] = [];

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<AttributeDefinitionDto[]> {
    return (await this.ds.getRepository(AttributeDefinitionEntity).find({ order: { id: 'ASC' } })).map(toDto);
  }

  async create(dto: CreateAttributeDefinitionDto): Promise<AttributeDefinitionDto> {
    const repo = this.ds.getRepository(AttributeDefinitionEntity);
    if (await repo.exists({ where: { key: dto.key } })) throw new ConflictError('key', `attribute "${dto.key}" already exists`);
    if (dto.type !== 'enum' && dto.options) throw new BadInputError('only enum attributes have options', [{ field: 'options', message: 'only for type enum' }]);
    return this.ds.transaction(async (m) => {
      const d = await m.getRepository(AttributeDefinitionEntity).save(
        m.getRepository(AttributeDefinitionEntity).create({ key: dto.key, label: dto.label, type: dto.type, options: dto.options ?? null, description: dto.description ?? null }),
      );
      await this.audit.record({ action: 'attribute.create', entityType: 'attribute_definition', entityId: d.id, after: toDto(d) }, m);
      return toDto(d);
    });
  }

  /** Key and type are fixed once created (stored values depend on them); label, options, description change. */
  async update(id: number, dto: UpdateAttributeDefinitionDto): Promise<AttributeDefinitionDto> {
    const d = await this.ds.getRepository(AttributeDefinitionEntity).findOne({ where: { id } });
    if (!d) throw new NotFoundError('attribute', id);
    if (dto.options && d.type !== 'enum') throw new BadInputError('only enum attributes have options', [{ field: 'options', message: 'only for type enum' }]);
    const before = toDto(d);
    if (dto.options && d.type === 'enum') {
      const inUse = await this.ds
        .getRepository(MemberAttributeEntity)
        .createQueryBuilder('a')
        .select('DISTINCT a.valueText', 'v')
        .where('a.attributeId = :id', { id })
        .getRawMany<{ v: string }>();
      const dropped = inUse.map((r) => r.v).filter((v) => v != null && !dto.options!.includes(v));
      if (dropped.length) {
        throw new BadInputError(`options still in use by members: ${dropped.join(', ')}`, [{ field: 'options', message: `in use: ${dropped.join(', ')}` }]);
      }
    }
    Object.assign(d, { label: dto.label ?? d.label, options: dto.options ?? d.options, description: dto.description ?? d.description });
    return this.ds.transaction(async (m) => {
      await m.getRepository(AttributeDefinitionEntity).save(d);
      await this.audit.record({ action: 'attribute.update', entityType: 'attribute_definition', entityId: id, before, after: toDto(d) }, m);
      return toDto(d);
    });
  }

  async remove(id: number): Promise<void> {
    const d = await this.ds.getRepository(AttributeDefinitionEntity).findOne({ where: { id } });
    if (!d) throw new NotFoundError('attribute', id);
    await this.ds.transaction(async (m) => {
      await m.getRepository(MemberAttributeEntity).delete({ attributeId: id });
      await m.getRepository(AttributeDefinitionEntity).delete({ id });
      await this.audit.record({ action: 'attribute.delete', entityType: 'attribute_definition', entityId: id, before: toDto(d) }, m);
    });
  }

  async definitionsByKey(): Promise<Map<string, AttributeDefinitionEntity>> {
    const defs = await this.ds.getRepository(AttributeDefinitionEntity).find();
    return new Map(defs.map((d) => [d.key, d]));
  }

  /**
   * Validates values by key against their definitions. Returns the problems (field `attributes.<key>`)
   * so callers can refuse the whole request before writing anything.
   */
  check(values: Record<string, unknown>, defs: Map<string, AttributeDefinitionEntity>, fieldPrefix = 'attributes'): FieldProblem[] {
    const problems: FieldProblem[] = [];
    for (const [key, value] of Object.entries(values)) {
      const def = defs.get(key);
      if (!def) {
        problems.push({ field: `${fieldPrefix}.${key}`, message: 'no such custom attribute' });
        continue;
      }
      const cols = toColumns(def, value);
      if (typeof cols === 'string') problems.push({ field: `${fieldPrefix}.${key}`, message: cols });
    }
    return problems;
  }

  /** Told which members' values changed, by attribute key (possibly just before the writer's transaction commits). */
  onChange(listener: (memberIds: number[], keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  /** Writes already-checked values; null or '' clears a value. */
  async write(memberId: number, values: Record<string, unknown>, defs: Map<string, AttributeDefinitionEntity>, m: EntityManager): Promise<void> {
    const repo = m.getRepository(MemberAttributeEntity);
    for (const [key, value] of Object.entries(values)) {
      const def = defs.get(key)!;
      const cols = toColumns(def, value);
      if (typeof cols === 'string') throw new BadInputError(`attributes.${key} ${cols}`, [{ field: `attributes.${key}`, message: cols }]);
      if (value === null || value === undefined || value === '') {
        await repo.delete({ memberId, attributeId: def.id });
      } else {
        await repo.upsert({ memberId, attributeId: def.id, ...cols }, ['memberId', 'attributeId']);
      }
    }
    const keys = Object.keys(values);
    if (keys.length) for (const l of this.listeners) l([memberId], keys);
  }

  async valuesOf(memberId: number): Promise<Record<string, AttributeValue>> {
    const [defs, rows] = await Promise.all([
      this.ds.getRepository(AttributeDefinitionEntity).find(),
      this.ds.getRepository(MemberAttributeEntity).find({ where: { memberId } }),
    ]);
    const byId = new Map(defs.map((d) => [d.id, d]));
    const out: Record<string, AttributeValue> = {};
    for (const r of rows) {
      const d = byId.get(r.attributeId);
      if (d) out[d.key] = fromColumns(d, r);
    }
    return out;
  }

  async valuesOfMany(memberIds: number[]): Promise<Map<number, Record<string, AttributeValue>>> {
    const out = new Map<number, Record<string, AttributeValue>>();
    if (!memberIds.length) return out;
    const [defs, rows] = await Promise.all([
      this.ds.getRepository(AttributeDefinitionEntity).find(),
      this.ds.getRepository(MemberAttributeEntity).find({ where: { memberId: In(memberIds) } }),
    ]);
    const byId = new Map(defs.map((d) => [d.id, d]));
    for (const r of rows) {
      const d = byId.get(r.attributeId);
      if (!d) continue;
      const rec = out.get(r.memberId) ?? {};
      rec[d.key] = fromColumns(d, r);
      out.set(r.memberId, rec);
    }
    return out;
  }

  async clearMember(memberId: number, m: EntityManager) {
    await m.getRepository(MemberAttributeEntity).delete({ memberId });
  }
}

function toDto(d: AttributeDefinitionEntity): AttributeDefinitionDto {
  return { id: d.id, key: d.key, label: d.label, type: d.type, options: d.options, description: d.description };
}
