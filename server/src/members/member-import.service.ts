import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { StoreEntity } from '../accounts/store.entity';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { AppError, BadInputError, FieldProblem, NotFoundError } from '../platform/errors/app-error';
import { AdminPrincipal } from '../platform/http/request-context';
import { JOB_QUEUE, JobContext, JobQueue } from '../platform/queue/job-queue';
import { TagsService } from '../tags/tags.service';
import { MemberImportEntity, MemberImportErrorEntity } from './member-import.entity';
import { ParsedMemberRow, checkHeader, decodeUtf8, parseCsv, parseMemberRow } from './member-csv';
import { MembersService } from './members.service';
import { CreateMemberDto, IdentityInput } from './members.dto';
import { ImportJobDto } from './member-import.dto';

export const IMPORT_JOB = 'members.import';
const PROGRESS_EVERY = 50;
const MAX_ROWS = 200_000;

/** CSV import of members as a background job: dedupe by phone or unionid, per-row error report. */
@Injectable()
export class MemberImportService implements OnModuleInit {
  private readonly logger = new Logger('MemberImport');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly members: MembersService,
    private readonly tags: TagsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit() {
    this.queue.register<{ importId: number }>(IMPORT_JOB, (ctx) => this.run(ctx), { concurrency: 1, attempts: 3, backoffMs: 2000 });
  }

  /** Checks the file's shape now (so a wrong file is a 400 at once) and queues the rows. */
  async start(file: { buffer: Buffer; originalname: string } | undefined, actor: AdminPrincipal): Promise<{ jobId: string }> {
    if (!file) throw new BadInputError('attach the CSV as multipart field "file"', [{ field: 'file', message: 'required' }]);
    const text = decodeUtf8(file.buffer);
    const records = parseCsv(text);
    if (!records.length) throw new BadInputError('the file is empty', [{ field: 'file', message: 'no header row' }]);
    const headerProblem = checkHeader(records[0].map((h) => h.trim()));
    if (headerProblem) throw new BadInputError(headerProblem, [{ field: 'file', message: headerProblem }]);
    const total = records.length - 1;
    if (total > MAX_ROWS) throw new BadInputError(`at most ${MAX_ROWS} rows per file (got ${total}); split the file`, [{ field: 'file', message: 'too many rows' }]);

    const row = await this.ds.transaction(async (m) => {
      const r = await m.getRepository(MemberImportEntity).save(
        m.getRepository(MemberImportEntity).create({ status: 'queued', fileName: file.originalname.slice(0, 255), content: null, total, createdBy: actor.id }),
      );
      // the file waits in the data directory (shared by api and worker), not in a column: files reach 20 MB
      await mkdir(this.uploadDir(), { recursive: true });
      await writeFile(this.uploadPath(r.id), text, 'utf8');
      await this.audit.record({ action: 'member.import', entityType: 'member_import', entityId: r.id, after: { fileName: r.fileName, rows: total } }, m);
      return r;
    });
    await this.queue.enqueue(IMPORT_JOB, { importId: row.id }, { jobId: `member-import-${row.id}` });
    return { jobId: String(row.id) };
  }

  async status(id: number): Promise<ImportJobDto> {
    const r = await this.ds.getRepository(MemberImportEntity).findOne({ where: { id } });
    if (!r) throw new NotFoundError('import', id);
    const percent = r.status === 'completed' ? 100 : r.total ? Math.floor((r.processed / r.total) * 100) : 0;
    return {
      id: String(r.id),
      status: r.status,
      fileName: r.fileName,
      percent,
      total: r.total,
      processed: r.processed,
      created: r.created,
      updated: r.updated,
      failed: r.failed,
      failure: r.failure,
      errorReportUrl: r.failed > 0 ? `/api/members/import/${r.id}/errors.csv` : null,
    };
  }

  async errorReport(id: number): Promise<string> {
    if (!(await this.ds.getRepository(MemberImportEntity).exists({ where: { id } }))) throw new NotFoundError('import', id);
    const errs = await this.ds.getRepository(MemberImportErrorEntity).find({ where: { importId: id }, order: { rowNumber: 'ASC', id: 'ASC' } });
    return '\uFEFF' + stringify([['row', 'column', 'message', 'raw'], ...errs.map((e) => [e.rowNumber, e.column, e.message, e.raw ?? ''])]);
  }

  /** The job: resumes after the last committed row when retried, so no row is imported twice. */
  private async run(ctx: JobContext<{ importId: number }>): Promise<void> {
    const repo = this.ds.getRepository(MemberImportEntity);
    const imp = await repo.findOne({ where: { id: ctx.data.importId } });
    if (!imp || imp.status === 'completed') return;
    // imports queued before files moved out of the database still carry their content
    const content = imp.content ?? (await readFile(this.uploadPath(imp.id), 'utf8').catch(() => null));
    if (content == null) {
      await repo.update({ id: imp.id }, { status: 'failed', failure: 'the uploaded file is gone from the data directory', finishedAt: new Date() });
      return;
    }
    await repo.update({ id: imp.id }, { status: 'running', startedAt: imp.startedAt ?? new Date() });
    try {
      const records = parseCsv(content);
      const header = records[0].map((h) => h.trim());
      const stores = new Map((await this.ds.getRepository(StoreEntity).find()).map((s) => [s.code, s.id]));
      const counts = { processed: imp.processed, created: imp.created, updated: imp.updated, failed: imp.failed };
      for (let i = imp.processed + 1; i < records.length; i++) {
        const outcome = await this.importRow(imp, i + 1, header, records[i], stores);
        counts.processed++;
        if (outcome === 'created') counts.created++;
        else if (outcome === 'updated') counts.updated++;
        else counts.failed++;
        if (counts.processed % PROGRESS_EVERY === 0) await ctx.updateProgress((counts.processed / Math.max(1, imp.total)) * 100);
      }
      await repo.update({ id: imp.id }, { status: 'completed', content: null, finishedAt: new Date() });
      await unlink(this.uploadPath(imp.id)).catch(() => undefined);
      this.logger.log(`import #${imp.id}: ${counts.created} created, ${counts.updated} updated, ${counts.failed} failed`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await repo.update({ id: imp.id }, { status: 'failed', failure: message.slice(0, 500), finishedAt: new Date() });
      throw e;
    }
  }

  /** One row, one transaction: the row imports whole (member, identities, tags, attributes) or not at all. */
  private async importRow(imp: MemberImportEntity, rowNumber: number, header: string[], cells: string[], stores: Map<string, number>): Promise<'created' | 'updated' | 'failed'> {
    const raw = cells.join(',').slice(0, 1000);
    const fail = async (problems: FieldProblem[]) => {
      await this.ds.transaction(async (m) => {
        await m.getRepository(MemberImportErrorEntity).insert(
          problems.map((p) => ({ importId: imp.id, rowNumber, column: p.field.slice(0, 64), message: p.message.slice(0, 255), raw })),
        );
        await m.getRepository(MemberImportEntity).update({ id: imp.id }, { processed: rowNumber - 1, failed: () => 'failed + 1' });
      });
      return 'failed' as const;
    };
    if (cells.length !== header.length) {
      return fail([{ field: 'row', message: `has ${cells.length} fields but the header has ${header.length}` }]);
    }
    const rec = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    const { row, problems } = parseMemberRow(rec);
    let storeId: number | undefined;
    if (row.storeCode) {
      storeId = stores.get(row.storeCode);
      if (!storeId) problems.push({ field: 'store_code', message: `no store with code "${row.storeCode}"` });
    }
    if (problems.length) return fail(problems);
    try {
      return await this.ds.transaction(async (m) => {
        const dto = this.toDto(row, storeId);
        const existing = await this.findExisting(m, row);
        let memberId: number;
        let outcome: 'created' | 'updated';
        if (existing) {
          await this.members.applyUpdate(m, existing, dto);
          memberId = existing.id;
          outcome = 'updated';
        } else {
          memberId = (await this.members.insert(m, dto, row.sourceChannel ?? 'import')).id;
          outcome = 'created';
        }
        if (row.tags.length) {
          const ids = await this.tags.findOrCreateByNames(row.tags, m);
          await this.tags.addToMembers([memberId], [...ids.values()], { source: 'import', userId: imp.createdBy, name: `import #${imp.id}` }, m);
        }
        // The row and the progress marker commit together, so a retry resumes after this row.
        await m.getRepository(MemberImportEntity).update({ id: imp.id }, { processed: rowNumber - 1, [outcome]: () => `${outcome} + 1` });
        return outcome;
      });
    } catch (e) {
      if (e instanceof AppError) return fail(e.details?.length ? e.details.map((d) => ({ field: csvField(d.field), message: d.message })) : [{ field: 'row', message: e.message }]);
      throw e;
    }
  }

  /** Dedupe: the same phone or unionid (or mini-program openid) is the same person. */
  private async findExisting(m: EntityManager, row: ParsedMemberRow) {
    const byPhone = row.phone ? await this.members.findByPhone(row.phone, m) : null;
    const byUnion = row.unionid ? await this.members.findByIdentity('unionid', '', row.unionid, m) : null;
    if (byPhone && byUnion && byPhone.id !== byUnion.id) {
      throw new BadInputError('phone and unionid belong to two different members', [{ field: 'unionid', message: `phone is member ${byPhone.id}, unionid is member ${byUnion.id}` }]);
    }
    if (byPhone || byUnion) return byPhone ?? byUnion;
    return row.mpOpenid ? this.members.findByIdentity('mp_openid', this.config.wechat.miniappAppId, row.mpOpenid, m) : null;
  }

  private toDto(row: ParsedMemberRow, storeId: number | undefined): CreateMemberDto {
    const identities: IdentityInput[] = [];
    if (row.unionid) identities.push({ type: 'unionid', value: row.unionid });
    if (row.mpOpenid) identities.push({ type: 'mp_openid', appId: this.config.wechat.miniappAppId, value: row.mpOpenid });
    const dto: CreateMemberDto = { identities, attributes: row.attributes };
    for (const k of ['nickname', 'phone', 'gender', 'birthday', 'province', 'city', 'lifecycleStage', 'level', 'points'] as const) {
      if (row[k] !== undefined) (dto as Record<string, unknown>)[k] = row[k];
    }
    if (storeId) dto.storeId = storeId;
    return dto;
  }

  private uploadDir(): string {
    return join(this.config.dataDir, 'member-imports');
  }

  private uploadPath(importId: number): string {
    return join(this.uploadDir(), `member-import-${importId}.csv`);
  }
}

function csvField(field: string): string {
  if (field.startsWith('attributes.')) return `attr.${field.slice(11)}`;
  if (field.startsWith('identities.')) return 'unionid';
  return field;
}
