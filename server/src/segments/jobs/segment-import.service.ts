import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager, In } from 'typeorm';
import { decodeUtf8, parseCsv } from '../../members/member-csv';
import type { IdentityType } from '../../members/member-identity.entity';
import { MemberEntity } from '../../members/member.entity';
import { MembersService } from '../../members/members.service';
import { AuditService } from '../../platform/audit/audit.service';
import { normalizePhone } from '../../platform/crypto/secret-box';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors/app-error';
import { AdminPrincipal } from '../../platform/http/request-context';
import { JOB_QUEUE, JobContext, JobQueue } from '../../platform/queue/job-queue';
import { SavedSegmentsService } from '../saved-segments.service';
import { SegmentEntity, SegmentMemberEntity } from '../segment.entity';
import { Lookup, classify, notFoundMessage, resolveColumn } from './segment-import-match';
import { SegmentImportOptions, SegmentJobEntity, SegmentJobErrorEntity, UnmatchedReason } from './segment-job.entity';
import { NewSegmentImportFieldsDto, SegmentImportFieldsDto, SegmentJobDto } from './segment-jobs.dto';
import { SEGMENT_JOB_ATTEMPTS, SegmentJobsService } from './segment-jobs.service';

export const SEGMENT_IMPORT_JOB = 'segments.import';
export const MAX_IMPORT_ROWS = 200_000;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Unmatched rows kept to list per import; the count covers them all. */
export const KEPT_ERRORS = 10_000;
const CHUNK = 1000;

type Upload = { buffer: Buffer; originalname: string } | undefined;
interface Unmatched { row: number; value: string; reason: UnmatchedReason; message: string }

/**
 * Static segments from a CSV of member identifiers (member id, phone, unionid, openid, WeCom
 * external userid). The file is checked at upload; a job matches it row by row and then creates the
 * segment, or adds to an existing static one, in one transaction: a failed import leaves nothing.
 */
@Injectable()
export class SegmentImportService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly jobs: SegmentJobsService,
    private readonly saved: SavedSegmentsService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit() {
    this.queue.register<{ jobId: number }>(SEGMENT_IMPORT_JOB, (ctx) => this.jobs.run(ctx, (job) => this.match(ctx, job)), { concurrency: 1, attempts: SEGMENT_JOB_ATTEMPTS, backoffMs: 2000 });
  }

  /** Checks the file and the target now (a wrong one is a 4xx before any job), then queues the matching. */
  async start(file: Upload, fields: SegmentImportFieldsDto | NewSegmentImportFieldsDto, segmentId: number | null, actor: AdminPrincipal): Promise<SegmentJobDto> {
    const { text, options } = this.checkFile(file, fields);
    if (segmentId !== null) {
      const segment = await this.ds.getRepository(SegmentEntity).findOne({ where: { id: segmentId } });
      if (!segment) throw new NotFoundError('segment', segmentId);
      if (segment.type !== 'static') throw new BadInputError(`segment ${segmentId} is dynamic: its members follow its rule; import into a static segment`, [{ field: 'id', message: 'not a static segment' }]);
    } else {
      const { name, description } = fields as NewSegmentImportFieldsDto;
      await this.assertNameFree(name, this.ds.manager);
      Object.assign(options, { name, description: description ?? null });
    }
    const job = await this.ds.transaction(async (m) => {
      const row = await this.jobs.create('import', segmentId, options, actor, m);
      await this.audit.record({ action: 'segment.import', entityType: 'segment', entityId: segmentId, after: { jobId: row.id, ...options } }, m);
      return row;
    });
    // The file waits under the data directory rather than in the database: up to 20 MB is too big for a row.
    try {
      await this.jobs.ensureDir();
      await writeFile(this.uploadPath(job.id), text, 'utf8');
    } catch (e) {
      await this.jobs.fail(job.id, `could not keep the uploaded file: ${(e as Error).message}`);
      throw e;
    }
    await this.queue.enqueue(SEGMENT_IMPORT_JOB, { jobId: job.id }, { jobId: `segment-import-${job.id}` });
    return this.jobs.status(job.id);
  }

  private checkFile(file: Upload, fields: SegmentImportFieldsDto): { text: string; options: SegmentImportOptions } {
    const bad = (message: string, field = 'file') => new BadInputError(message, [{ field, message }]);
    if (!file) throw bad('attach the CSV as multipart field "file"');
    if (file.buffer.length > MAX_IMPORT_BYTES) throw bad(`the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it`);
    const text = decodeUtf8(file.buffer);
    const records = parseCsv(text);
    if (!records.length) throw bad('the file is empty');
    const rows = records.length - 1;
    if (!rows) throw bad('the file has a header row but no data rows');
    if (rows > MAX_IMPORT_ROWS) throw bad(`at most ${MAX_IMPORT_ROWS} rows per file (got ${rows}); split the file`);
    const identifier = fields.identifier ?? 'auto';
    const col = resolveColumn(records[0], identifier, fields.column);
    if ('problem' in col) throw bad(col.problem, 'column');
    if (normalizePhone(col.name) || /^\d+$/.test(col.name)) throw bad(`the first line must be a header (such as "phone"), but "${col.name}" looks like data`);
    const options: SegmentImportOptions = { fileName: file.originalname.slice(0, 255), identifier, column: col.name, columnIndex: col.index };
    return { text, options };
  }

  /** The job: matches every row, then writes the segment's members and the outcome in one transaction. */
  private async match(ctx: JobContext<{ jobId: number }>, job: SegmentJobEntity): Promise<void> {
    const opts = job.options!;
    const text = await readFile(this.uploadPath(job.id), 'utf8').catch(() => {
      throw new Error('the uploaded file is gone (the api and worker processes must share DATA_DIR)');
    });
    const data = parseCsv(text).slice(1);
    await this.jobs.setTotal(job.id, data.length);
    // A retry starts over.
    await this.ds.getRepository(SegmentJobErrorEntity).delete({ jobId: job.id });

    const found = new Set<number>();
    let matched = 0;
    let unmatched = 0;
    let kept = 0;
    for (let start = 0; start < data.length; start += CHUNK) {
      const chunk = data.slice(start, start + CHUNK).map((cells) => cells[opts.columnIndex] ?? '');
      const results = await this.lookUp(chunk.map((v) => classify(v, opts.identifier)));
      const errors: Unmatched[] = [];
      results.forEach((r, i) => {
        if (typeof r === 'number') {
          matched++;
          found.add(r);
          return;
        }
        unmatched++;
        // +2: data starts on the file's second line
        if (kept + errors.length < KEPT_ERRORS) errors.push({ row: start + i + 2, value: chunk[i].trim().slice(0, 255), ...r });
      });
      if (errors.length) {
        await this.ds.getRepository(SegmentJobErrorEntity).insert(errors.map((e) => ({ jobId: job.id, line: e.row, value: e.value, reason: e.reason, message: e.message.slice(0, 255) })));
        kept += errors.length;
      }
      await this.jobs.progress(ctx, job.id, Math.min(start + CHUNK, data.length), data.length, { matched, unmatched });
    }

    const ids = [...found];
    const { segmentId, fresh } = await this.ds.transaction(async (m) => {
      const result = opts.name ? await this.createSegment(m, job, opts, ids) : await this.addToSegment(m, job.segmentId!, ids);
      await this.jobs.finish(job.id, { segmentId: result.segmentId, added: result.fresh.length, processed: data.length, matched, unmatched }, m);
      return result;
    });
    await this.saved.recount(segmentId);
    // segments built on this list (tracked ones re-evaluate the new members)
    if (!opts.name && fresh.length) await this.saved.listChanged(segmentId, fresh);
    await unlink(this.uploadPath(job.id)).catch(() => undefined);
  }

  /** Each lookup's member id, or why it matched nobody; one query per kind of lookup per chunk. */
  private async lookUp(lookups: Lookup[]): Promise<(number | { reason: UnmatchedReason; message: string })[]> {
    const ids = lookups.flatMap((l) => (l.by === 'memberId' ? [l.id] : []));
    const phones = lookups.flatMap((l) => (l.by === 'phone' ? [l.phone] : []));
    const existing = ids.length ? new Set((await this.ds.getRepository(MemberEntity).find({ select: { id: true }, where: { id: In(ids) } })).map((r) => r.id)) : new Set<number>();
    const byPhone = phones.length ? await this.members.membersByPhone(phones) : new Map<string, number>();
    // Identity lookups grouped by the types they may be (a unionid column, an openid column, auto).
    const holders = new Map<string, Map<string, Set<number>>>();
    for (const l of lookups) if (l.by === 'identity' && !holders.has(l.types.join())) holders.set(l.types.join(), new Map());
    for (const key of holders.keys()) {
      const values = [...new Set(lookups.flatMap((l) => (l.by === 'identity' && l.types.join() === key ? [l.value] : [])))];
      holders.set(key, await this.members.holdersOfIdentityValues(key.split(',') as IdentityType[], values));
    }
    const holdersOf = (l: Lookup): number[] => {
      if (l.by === 'memberId') return existing.has(l.id) ? [l.id] : [];
      if (l.by === 'phone') return byPhone.has(l.phone) ? [byPhone.get(l.phone)!] : [];
      return l.by === 'identity' ? [...(holders.get(l.types.join())?.get(l.value) ?? [])] : [];
    };
    return lookups.map((l) => {
      if (l.by === 'none') return { reason: l.reason, message: l.message };
      const hit = holdersOf(l);
      if (hit.length === 1) return hit[0];
      if (hit.length > 1) return { reason: 'ambiguous' as const, message: `held by ${hit.length} members (${hit.join(', ')}); use a member id or phone` };
      return { reason: 'not_found' as const, message: notFoundMessage(l) };
    });
  }

  private async createSegment(m: EntityManager, job: SegmentJobEntity, opts: SegmentImportOptions, ids: number[]): Promise<{ segmentId: number; fresh: number[] }> {
    await this.assertNameFree(opts.name!, m);
    const repo = m.getRepository(SegmentEntity);
    const segment = await repo.save(repo.create({ name: opts.name!, description: opts.description ?? null, type: 'static', rule: null, createdBy: job.createdBy }));
    for (let i = 0; i < ids.length; i += CHUNK) await m.getRepository(SegmentMemberEntity).insert(ids.slice(i, i + CHUNK).map((memberId) => ({ segmentId: segment.id, memberId })));
    await this.audit.record({ action: 'segment.create', entityType: 'segment', entityId: segment.id, after: { name: segment.name, type: 'static', importJobId: job.id, members: ids.length, createdBy: job.createdBy } }, m);
    return { segmentId: segment.id, fresh: ids };
  }

  private async addToSegment(m: EntityManager, segmentId: number, ids: number[]): Promise<{ segmentId: number; fresh: number[] }> {
    if (!(await m.getRepository(SegmentEntity).exists({ where: { id: segmentId } }))) throw new Error(`segment ${segmentId} was deleted before the import finished`);
    const repo = m.getRepository(SegmentMemberEntity);
    const fresh: number[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const already = new Set((await repo.find({ select: { memberId: true }, where: { segmentId, memberId: In(chunk) } })).map((r) => r.memberId));
      const added = chunk.filter((id) => !already.has(id));
      if (added.length) await repo.insert(added.map((memberId) => ({ segmentId, memberId })));
      fresh.push(...added);
    }
    await this.audit.record({ action: 'segment.members.add', entityType: 'segment', entityId: segmentId, after: { added: fresh.length, matched: ids.length } }, m);
    return { segmentId, fresh };
  }

  private async assertNameFree(name: string, m: EntityManager): Promise<void> {
    if (await m.getRepository(SegmentEntity).exists({ where: { name } })) throw new ConflictError('name', `a segment named "${name}" already exists`);
  }

  private uploadPath(jobId: number): string {
    return join(this.jobs.dir(), `segment-import-${jobId}.csv`);
  }
}
