import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { fromDbDatetime } from '../../platform/time/time';
import { CompileContext, Compiled, RuleError, compileSegmentRule } from '../segment-compiler';
import { SegmentsService } from '../segments.service';

/** How long the compile context (fields, tags, other segments' rules) and the segments' reads are reused. */
export const CONTEXT_TTL_MS = 5000;

export interface TrackedSegment {
  id: number;
  name: string;
  rule: unknown;
  /** null until its first membership is built (changes are not evaluated against it before) */
  lastSweptAt: Date | null;
  /** what its rule reads; null when the rule no longer compiles (e.g. a custom attribute was deleted) */
  reads: ReadonlySet<string> | null;
}

/**
 * The tracked dynamic segments, read fresh on each use (one small query, so another process turning
 * tracking on or off counts at once), with what each rule reads. What compiling needs is cached
 * briefly and dropped whenever a segment changes here.
 */
@Injectable()
export class TrackedSegments {
  private readonly logger = new Logger('TrackedSegments');
  private context: { until: number; ctx: CompileContext } | null = null;
  private readonly reads = new Map<string, ReadonlySet<string> | null>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly segments: SegmentsService,
  ) {}

  invalidate(): void {
    this.context = null;
    this.reads.clear();
  }

  /** Every tracked segment (built or still building), with its reads. */
  async list(): Promise<TrackedSegment[]> {
    const rows: { id: number | string; name: string; rule: string | null; last_swept_at: Date | string | null }[] = await this.ds.query(
      "SELECT id, name, rule, last_swept_at FROM segment WHERE tracked = 1 AND type = 'dynamic' ORDER BY id",
    );
    if (!rows.length) return [];
    const ctx = await this.ctx();
    return rows.map((r) => {
      const id = Number(r.id);
      const rule = r.rule ? (JSON.parse(r.rule) as unknown) : null;
      const key = `${id}:${r.rule ?? ''}`;
      if (!this.reads.has(key)) {
        const compiled = this.compile({ id, rule }, new Date(), ctx);
        this.reads.set(key, compiled ? new Set(compiled.reads ?? []) : null);
      }
      return { id, name: r.name, rule, lastSweptAt: fromDbDatetime(r.last_swept_at), reads: this.reads.get(key)! };
    });
  }

  /** Everything any tracked segment reads: changes to anything else need no evaluation. */
  async readsOfAll(): Promise<Set<string>> {
    return new Set((await this.list()).flatMap((s) => [...(s.reads ?? [])]));
  }

  /** Compiles a tracked segment's rule as it answers at `now`; null (and a warning) when it no longer compiles. */
  compile(segment: { id: number; rule: unknown }, now: Date, ctx: CompileContext): Compiled | null {
    try {
      return compileSegmentRule(segment.id, segment.rule, { ...ctx, now });
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      this.logger.warn(`tracked segment ${segment.id} cannot be evaluated: ${e.message}`);
      return null;
    }
  }

  /** The compile context, reused for a few seconds. */
  async ctx(): Promise<CompileContext> {
    if (!this.context || this.context.until < Date.now()) {
      this.context = { until: Date.now() + CONTEXT_TTL_MS, ctx: await this.segments.context() };
      this.reads.clear();
    }
    return this.context.ctx;
  }
}
