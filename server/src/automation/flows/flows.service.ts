import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { AppError, BadInputError, ConflictError, NotFoundError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { isoOrNull } from '../../platform/time/time';
import { FlowCheckService } from './flow-check.service';
import { EMPTY_GRAPH, FlowGraph } from './flow-graph';
import { graphShapeProblems } from './flow-validation';
import { FlowEntity, FlowStatus, FlowVersionEntity } from './flow.entity';
import { CreateFlowDto, FlowDto, FlowSummaryDto, FlowValidationDto, FlowVersionDto, FlowVersionSummaryDto, UpdateFlowDto } from './flows.dto';

/** Flows: a draft graph edited freely, published into immutable numbered versions, paused, resumed, archived. */
@Injectable()
export class FlowsService {
  private readonly listeners: (() => void)[] = [];

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly check: FlowCheckService,
    private readonly audit: AuditService,
  ) {}

  /** Told after a flow is published, paused, resumed or archived (which flows' triggers are live changed). */
  onLiveChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  async create(dto: CreateFlowDto, actor: AdminPrincipal): Promise<FlowDto> {
    const graph = dto.graph ? shaped(dto.graph) : EMPTY_GRAPH;
    await this.assertNameFree(dto.name);
    const id = await this.ds.transaction(async (m) => {
      const row = await m.getRepository(FlowEntity).save(
        m.getRepository(FlowEntity).create({ name: dto.name, description: dto.description ?? null, status: 'draft', graph, unpublishedChanges: true, publishedVersionId: null, createdBy: actor.id }),
      );
      await this.audit.record({ action: 'flow.create', entityType: 'flow', entityId: row.id, after: { name: row.name, description: row.description, graph } }, m);
      return row.id;
    });
    return this.get(id);
  }

  async list(status?: FlowStatus): Promise<FlowSummaryDto[]> {
    const rows = await this.ds.getRepository(FlowEntity).find({ where: status ? { status } : {}, order: { id: 'DESC' } });
    const versionIds = rows.map((r) => r.publishedVersionId).filter((v): v is number => v !== null);
    const versions = versionIds.length ? await this.ds.getRepository(FlowVersionEntity).find({ select: { id: true, version: true }, where: { id: In(versionIds) } }) : [];
    const numbers = new Map(versions.map((v) => [v.id, v.version]));
    return rows.map((r) => summary(r, r.publishedVersionId ? (numbers.get(r.publishedVersionId) ?? null) : null));
  }

  async get(id: number): Promise<FlowDto> {
    const row = await this.load(id);
    const versions = await this.versionRows(id);
    return { ...summary(row, versions[0]?.version ?? null), graph: row.graph, versions: versions.map(versionSummary) };
  }

  /** Saves the name, description or draft graph; allowed in any status but archived. */
  async update(id: number, dto: UpdateFlowDto): Promise<FlowDto> {
    const row = await this.load(id);
    if (row.status === 'archived') throw new ConflictError('status', 'an archived flow cannot be edited');
    const graph = dto.graph ? shaped(dto.graph) : undefined;
    if (dto.name !== undefined && dto.name !== row.name) await this.assertNameFree(dto.name);
    const before = { name: row.name, description: row.description, graph: row.graph };
    if (dto.name !== undefined) row.name = dto.name;
    if (dto.description !== undefined) row.description = dto.description;
    if (graph && stableJson(graph) !== stableJson(row.graph)) {
      row.graph = graph;
      row.unpublishedChanges = true;
    }
    await this.ds.transaction(async (m) => {
      await m.getRepository(FlowEntity).save(row);
      await this.audit.record({ action: 'flow.update', entityType: 'flow', entityId: id, before, after: { name: row.name, description: row.description, graph: row.graph } }, m);
    });
    return this.get(id);
  }

  async validate(id: number): Promise<FlowValidationDto> {
    const errors = await this.check.validate((await this.load(id)).graph);
    return { valid: errors.length === 0, errors };
  }

  /**
   * Checks the draft and stores it as the next version. A draft flow becomes active; an active one
   * stays active (new enrollments take the new version); a paused one stays paused until resumed.
   */
  async publish(id: number, actor: AdminPrincipal): Promise<FlowDto> {
    const row = await this.load(id);
    if (row.status === 'archived') throw new ConflictError('status', 'an archived flow cannot be published');
    const errors = await this.check.validate(row.graph);
    if (errors.length) throw new FlowInvalidError(errors);
    await this.ds.transaction(async (m) => {
      // the unique (flow_id, version) index turns a concurrent publish into a 409, never two version 2s
      const [{ n }] = await m.query('SELECT COALESCE(MAX(version), 0) AS n FROM flow_version WHERE flow_id = ?', [id]);
      const version = await m.getRepository(FlowVersionEntity).save(
        m.getRepository(FlowVersionEntity).create({ flowId: id, version: Number(n) + 1, graph: row.graph, publishedAt: new Date(), publishedBy: actor.id }),
      );
      const status: FlowStatus = row.status === 'draft' ? 'active' : row.status;
      await m.getRepository(FlowEntity).update(id, { publishedVersionId: version.id, status, unpublishedChanges: false });
      await this.audit.record({ action: 'flow.publish', entityType: 'flow', entityId: id, before: { status: row.status }, after: { status, version: version.version } }, m);
    });
    for (const l of this.listeners) l();
    return this.get(id);
  }

  pause(id: number): Promise<FlowDto> {
    return this.transition(id, 'flow.pause', 'paused', ['active'], 'only an active flow can be paused');
  }

  resume(id: number): Promise<FlowDto> {
    return this.transition(id, 'flow.resume', 'active', ['paused'], 'only a paused flow can be resumed');
  }

  archive(id: number): Promise<FlowDto> {
    return this.transition(id, 'flow.archive', 'archived', ['draft', 'active', 'paused'], 'the flow is already archived');
  }

  async versions(id: number): Promise<FlowVersionSummaryDto[]> {
    await this.load(id);
    return (await this.versionRows(id)).map(versionSummary);
  }

  async version(id: number, version: number): Promise<FlowVersionDto> {
    await this.load(id);
    const row = await this.ds.getRepository(FlowVersionEntity).findOne({ where: { flowId: id, version } });
    if (!row) throw new NotFoundError(`flow ${id} version`, version);
    return { ...versionSummary(row), graph: row.graph };
  }

  private async transition(id: number, action: string, to: FlowStatus, from: FlowStatus[], refusal: string): Promise<FlowDto> {
    const row = await this.load(id);
    if (!from.includes(row.status)) throw new ConflictError('status', `${refusal} (this one is ${row.status})`);
    await this.ds.transaction(async (m: EntityManager) => {
      // conditional, so two racing requests cannot both move the flow
      const res = await m.getRepository(FlowEntity).update({ id, status: row.status }, { status: to });
      if (!res.affected) throw new ConflictError('status', 'the flow changed meanwhile; reload it');
      await this.audit.record({ action, entityType: 'flow', entityId: id, before: { status: row.status }, after: { status: to } }, m);
    });
    for (const l of this.listeners) l();
    return this.get(id);
  }

  private versionRows(flowId: number): Promise<FlowVersionEntity[]> {
    return this.ds.getRepository(FlowVersionEntity).find({ where: { flowId }, order: { version: 'DESC' } });
  }

  private async load(id: number): Promise<FlowEntity> {
    const row = await this.ds.getRepository(FlowEntity).findOne({ where: { id } });
    if (!row) throw new NotFoundError('flow', id);
    return row;
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.ds.getRepository(FlowEntity).exists({ where: { name } })) throw new ConflictError('name', `a flow named "${name}" already exists`);
  }
}

/** Publishing an invalid draft: a 400 carrying the same errors as validate. */
export class FlowInvalidError extends AppError {
  constructor(errors: { path: string; message: string }[]) {
    super(400, 'flow_invalid', `the flow has ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors.map((e) => ({ ...e, field: e.path })));
  }
}

/** A graph of the right shape (its content is checked at validate and publish), copied as plain data. */
function shaped(graph: unknown): FlowGraph {
  const plain = JSON.parse(JSON.stringify(graph)) as FlowGraph;
  const problems = graphShapeProblems(plain);
  if (problems.length) throw new BadInputError(`${problems[0].path}: ${problems[0].message}`, problems.map((p) => ({ field: p.path, message: p.message })));
  return plain;
}

/** JSON with object keys sorted (MySQL's JSON type may reorder keys), to tell a real change. */
function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => (val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b))) : val));
}

function summary(r: FlowEntity, latestVersion: number | null): FlowSummaryDto {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    status: r.status,
    latestVersion,
    unpublishedChanges: r.unpublishedChanges,
    nodeCount: r.graph.nodes.length,
    createdBy: r.createdBy,
    createdAt: isoOrNull(r.createdAt)!,
    updatedAt: isoOrNull(r.updatedAt)!,
  };
}

function versionSummary(v: FlowVersionEntity): FlowVersionSummaryDto {
  return { version: v.version, publishedAt: isoOrNull(v.publishedAt)!, publishedBy: v.publishedBy, nodeCount: v.graph.nodes.length };
}
