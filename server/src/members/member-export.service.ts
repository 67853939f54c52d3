import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { once } from 'node:events';
import { AuditService } from '../platform/audit/audit.service';
import { AdminPrincipal } from '../platform/http/request-context';
import { TagsService } from '../tags/tags.service';
import { AttributesService } from './attributes.service';
import { MemberListService } from './member-list.service';
import { exportColumns, exportRecord } from './member-csv';
import { MemberFilterQuery } from './members.dto';

/** Streams members as CSV in batches, so a large export never sits in memory. Phones stay masked. */
@Injectable()
export class MemberExportService {
  constructor(
    private readonly list: MemberListService,
    private readonly tags: TagsService,
    private readonly attributes: AttributesService,
    private readonly audit: AuditService,
  ) {}

  async stream(viewer: AdminPrincipal, filter: MemberFilterQuery, res: Response): Promise<void> {
    const defs = [...(await this.attributes.definitionsByKey()).values()].sort((a, b) => a.id - b.id);
    // Validate filters (and store scope) before the first byte goes out, so errors are still JSON.
    const batches = this.list.batches(viewer, filter);
    const first = await batches.next();
    const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="members-${stamp}.csv"`);
    res.write('\uFEFF');
    const csv = stringify({ header: true, columns: exportColumns(defs) });
    csv.pipe(res);
    let count = 0;
    let batch = first;
    while (!batch.done) {
      const rows = batch.value;
      const ids = rows.map((r) => r.id);
      const [tags, attrs] = await Promise.all([this.tags.tagsOfMembers(ids), this.attributes.valuesOfMany(ids)]);
      for (const m of rows) {
        const ok = csv.write(exportRecord(m, (tags.get(m.id) ?? []).map((t) => t.name), attrs.get(m.id) ?? {}, defs));
        if (!ok) await once(csv, 'drain');
        count++;
      }
      batch = await batches.next();
    }
    csv.end();
    await once(res, 'finish');
    await this.audit.record({ action: 'member.export', entityType: 'member', entityId: null, after: { filter, rows: count } });
  }
}
