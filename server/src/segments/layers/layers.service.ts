import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { BadInputError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { toDbDatetime } from '../../platform/time/time';
import { DEFAULT_RFM, LIFECYCLE_PRESETS, LayerContext, LifecycleConfig, RFM_GROUPS, RfmConfig, RfmGroup, assertNoLifecycle } from '../rules/layers';
import { SegmentLayerConfigEntity } from './layer.entity';

const CACHE_MS = 5_000;

/** The operator's layer settings (RFM thresholds, lifecycle model and stages) and the layers' sizes. */
@Injectable()
export class LayersService {
  private cached: { at: number; value: LayerContext } | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Settings as rules compile with them (cached briefly; a change here clears the cache). */
  async context(): Promise<LayerContext> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const rows = await this.ds.getRepository(SegmentLayerConfigEntity).find();
    const by = new Map(rows.map((r) => [r.layer, r.value]));
    const value: LayerContext = {
      rfm: { ...DEFAULT_RFM, ...(by.get('rfm') as Partial<RfmConfig> | undefined) },
      lifecycle: (by.get('lifecycle') as LifecycleConfig | undefined) ?? LIFECYCLE_PRESETS.aipl,
    };
    this.cached = { at: Date.now(), value };
    return value;
  }

  async setRfm(cfg: RfmConfig, actor: AdminPrincipal): Promise<RfmConfig> {
    await this.save('rfm', { ...cfg }, actor);
    return (await this.context()).rfm;
  }

  /**
   * Replaces the lifecycle model; `check` compiles each stage's rule (the caller's compiler) so a
   * wrong stage is refused with its place named.
   */
  async setLifecycle(cfg: LifecycleConfig, actor: AdminPrincipal, check: (rule: unknown, path: string) => Promise<void>): Promise<LifecycleConfig> {
    const keys = new Set<string>();
    for (const [i, s] of cfg.stages.entries()) {
      if (keys.has(s.key)) throw new BadInputError(`stage key ${s.key} is used twice`, [{ field: `stages[${i}].key`, message: 'must be unique' }]);
      keys.add(s.key);
      try {
        assertNoLifecycle(s.rule, `stages[${i}].rule`);
      } catch (e) {
        throw new BadInputError((e as Error).message, [{ field: `stages[${i}].rule`, message: 'a lifecycle stage cannot be defined by lifecycle stages' }]);
      }
      await check(s.rule, `stages[${i}].rule`);
    }
    await this.save('lifecycle', { model: cfg.model, stages: cfg.stages.map((s) => ({ key: s.key, label: s.label, rule: s.rule })) }, actor);
    return (await this.context()).lifecycle;
  }

  /** How many members fall in each of the eight RFM groups now (one pass over member_stats). */
  async rfmGroups(now = new Date()): Promise<{ group: RfmGroup; count: number }[]> {
    const cfg = (await this.context()).rfm;
    const rows: { r: number | string; f: number | string; mo: number | string; n: number | string }[] = await this.ds.query(
      'SELECT CASE WHEN s.last_paid_at >= ? THEN 1 ELSE 0 END AS r, CASE WHEN s.paid_count >= ? THEN 1 ELSE 0 END AS f, CASE WHEN s.paid_amount >= ? THEN 1 ELSE 0 END AS mo, COUNT(*) AS n ' +
        'FROM member_stats s JOIN member m ON m.id = s.member_id WHERE s.paid_count > 0 GROUP BY 1, 2, 3',
      [toDbDatetime(new Date(now.getTime() - cfg.recencyDays * 86_400_000)), cfg.frequencyMin, cfg.monetaryMin],
    );
    const band = (v: number | string) => (Number(v) === 1 ? 'high' : 'low');
    return (Object.keys(RFM_GROUPS) as RfmGroup[]).map((group) => {
      const g = RFM_GROUPS[group];
      const row = rows.find((x) => band(x.r) === g.recency && band(x.f) === g.frequency && band(x.mo) === g.monetary);
      return { group, count: row ? Number(row.n) : 0 };
    });
  }

  private async save(layer: string, value: Record<string, unknown>, actor: AdminPrincipal): Promise<void> {
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(SegmentLayerConfigEntity);
      const before = await repo.findOne({ where: { layer } });
      await repo.save(repo.create({ layer, value, updatedBy: actor.id }));
      await this.audit.record({ action: `segment.layer.${layer}`, entityType: 'segment_layer', entityId: null, before: before?.value ?? null, after: value }, m);
    });
    this.cached = null;
  }
}
