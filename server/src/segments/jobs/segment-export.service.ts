import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { countQuery } from '../segment-compiler';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, In } from 'typeorm';
import { AttributesService } from '../../members/attributes.service';
import { exportColumns, exportRecord } from '../../members/member-csv';
import { MemberEntity } from '../../members/member.entity';
import { AuditService } from '../../platform/audit/audit.service';
import { NotFoundError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { JOB_QUEUE, JobContext, JobQueue } from '../../platform/queue/job-queue';
import { TagsService } from '../../tags/tags.service';
import { SavedSegmentsService } from '../saved-segments.service';
import { SegmentEntity } from '../segment.entity';
import { SegmentJobDto } from './segment-jobs.dto';
import { SEGMENT_JOB_ATTEMPTS, SegmentJobsService } from './segment-jobs.service';

export const SEGMENT_EXPORT_JOB = 'segments.export';
/** Members per page: small enough to keep memory flat, large enough to keep round trips few. */
const PAGE = 2000;

/**
 * A segment's members as CSV, written by a background job to a file under the data directory and
 * downloaded when done. Same columns as the member export; phones stay masked.
 */
@Injectable()
export class SegmentExportService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly jobs: SegmentJobsService,
    private readonly saved: SavedSegmentsService,
    private readonly tags: TagsService,
    private readonly attributes: AttributesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit() {
    this.queue.register<{ jobId: number }>(SEGMENT_EXPORT_JOB, (ctx) => this.jobs.run(ctx, () => this.write(ctx)), { concurrency: 2, attempts: SEGMENT_JOB_ATTEMPTS, backoffMs: 2000 });
  }

  async start(segmentId: number, actor: AdminPrincipal): Promise<SegmentJobDto> {
    const segment = await this.ds.getRepository(SegmentEntity).findOne({ where: { id: segmentId } });
    if (!segment) throw new NotFoundError('segment', segmentId);
    const job = await this.ds.transaction(async (m) => {
      const row = await this.jobs.create('export', segmentId, null, actor, m);
      await this.audit.record({ action: 'segment.export', entityType: 'segment', entityId: segmentId, after: { jobId: row.id, name: segment.name } }, m);
      return row;
    });
    await this.queue.enqueue(SEGMENT_EXPORT_JOB, { jobId: job.id }, { jobId: `segment-export-${job.id}` });
    return this.jobs.status(job.id);
  }

  /** Counts first (for progress), then walks the members by id, a page at a time, into a .part file renamed when complete. */
  private async write(ctx: JobContext<{ jobId: number }>): Promise<void> {
    const id = ctx.data.jobId;
    const job = await this.jobs.status(id);
    const segment = job.segmentId ? await this.ds.getRepository(SegmentEntity).findOne({ where: { id: job.segmentId } }) : null;
    if (!segment) throw new Error(`segment ${job.segmentId} was deleted before its export ran`);
    const membership = await this.saved.membership(segment);
    const { sql, params } = membership;
    const count = countQuery(membership);
    const [{ n }] = await this.ds.query(count.sql, count.params);
    const total = Number(n);
    await this.jobs.setTotal(id, total);

    const defs = [...(await this.attributes.definitionsByKey()).values()].sort((a, b) => a.id - b.id);
    const columns = exportColumns(defs);
    const dir = await this.jobs.ensureDir();
    const fileName = `segment-export-${id}.csv`;
    const part = join(dir, `${fileName}.part`);
    const file = await open(part, 'w');
    let processed = 0;
    try {
      // BOM so Excel reads the file as UTF-8 (Chinese names), as the member export does.
      await file.write('\uFEFF' + stringify([], { header: true, columns }));
      let after = 0;
      for (;;) {
        const page: { id: number | string }[] = await this.ds.query(`SELECT m.id FROM member m WHERE (${sql}) AND m.id > ? ORDER BY m.id LIMIT ?`, [...params, after, PAGE]);
        if (!page.length) break;
        const ids = page.map((r) => Number(r.id));
        const members = await this.ds.getRepository(MemberEntity).find({ where: { id: In(ids) }, order: { id: 'ASC' } });
        const [tags, attrs] = await Promise.all([this.tags.tagsOfMembers(ids), this.attributes.valuesOfMany(ids)]);
        await file.write(stringify(members.map((m) => exportRecord(m, (tags.get(m.id) ?? []).map((t) => t.name), attrs.get(m.id) ?? {}, defs))));
        processed += members.length;
        after = ids[ids.length - 1];
        await this.jobs.progress(ctx, id, processed, total);
        if (page.length < PAGE) break;
      }
    } finally {
      await file.close();
    }
    await rename(part, join(dir, fileName));
    await this.jobs.finish(id, { processed, resultFile: fileName });
    await this.jobs.sweep();
  }
}
