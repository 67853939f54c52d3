import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AttributesService } from '../members/attributes.service';
import { MemberEntity } from '../members/member.entity';
import { MembersService } from '../members/members.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { isMysql } from '../platform/database/data-source';
import { BadInputError } from '../platform/errors/app-error';
import { toDbDatetime } from '../platform/time/time';
import { TagsService } from '../tags/tags.service';
import { CompileContext, Compiled, FieldDef, MEMBER_FIELDS, RuleError, compileRule, countQuery, opsOf, compileSegmentRule } from './segment-compiler';
import { LayersService } from './layers/layers.service';
import { SegmentEntity } from './segment.entity';
import { SegmentFieldDto, SegmentPreviewResultDto } from './segments.dto';

/** Segments: rules over members, counted and sampled on the live data. */
@Injectable()
export class SegmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attributes: AttributesService,
    private readonly tags: TagsService,
    private readonly members: MembersService,
    private readonly layers: LayersService,
  ) {}

  /** Every field a rule can name, with its type and operators (for the rule builder). */
  async fields(): Promise<SegmentFieldDto[]> {
    return [...(await this.fieldMap()).entries()].map(([field, d]) => ({ field, type: d.type, options: d.options ?? null, operators: opsOf(d) }));
  }

  /** A rule not yet saved: how many members match now, and a sample of them. */
  async preview(rule: unknown, sampleSize = 20): Promise<SegmentPreviewResultDto> {
    const where = await this.compile(rule);
    const started = Date.now();
    const count = countQuery(where);
    const [{ n }] = await this.ds.query(count.sql, count.params);
    const tookMs = Date.now() - started;
    const ids: { id: number | string }[] = sampleSize ? await this.ds.query(`SELECT m.id FROM member m WHERE ${where.sql} ORDER BY m.id DESC LIMIT ?`, [...where.params, sampleSize]) : [];
    const rows = ids.length ? await this.ds.getRepository(MemberEntity).find({ where: { id: In(ids.map((r) => Number(r.id))) }, order: { id: 'DESC' } }) : [];
    return { count: Number(n), sample: await this.members.summaries(rows), tookMs };
  }

  /** Validates and compiles a rule; a wrong field, operator or value is a 400 naming its place in the tree. */
  async compile(rule: unknown, selfId?: number, at = 'rule'): Promise<Compiled> {
    const ctx = await this.context();
    try {
      return selfId ? compileSegmentRule(selfId, rule, ctx) : compileRule(rule, ctx);
    } catch (e) {
      if (e instanceof RuleError) {
        // the tree's root is named `rule`; callers checking a rule kept elsewhere name its place instead
        const field = e.path.startsWith('rule') ? at + e.path.slice('rule'.length) : e.path;
        throw new BadInputError(`${field}: ${e.message.slice(e.path.length + 2)}`, [{ field, message: e.message.slice(e.path.length + 2) }]);
      }
      throw e;
    }
  }

  /** What rules compile against (fields, tags, saved segments…) at `now`; membership tracking picks its own instant. */
  async context(now = new Date()): Promise<CompileContext> {
    const saved = await this.ds.getRepository(SegmentEntity).find({ select: { id: true, type: true, rule: true } });
    return {
      fields: await this.fieldMap(),
      knownTagIds: new Set((await this.tags.listTags()).map((t) => t.id)),
      now,
      dbDatetime: toDbDatetime,
      timezone: this.config.timezone,
      segments: new Map(saved.map((s) => [s.id, { type: s.type, rule: s.rule }])),
      dialect: isMysql(this.ds) ? 'mysql' : 'sqlite',
      layers: await this.layers.context(),
    };
  }

  private async fieldMap(): Promise<Map<string, FieldDef>> {
    const map = new Map<string, FieldDef>(Object.entries(MEMBER_FIELDS));
    for (const [key, def] of await this.attributes.definitionsByKey()) {
      map.set(`attributes.${key}`, { type: def.type, options: def.options ?? undefined, attributeId: def.id });
    }
    return map;
  }
}
