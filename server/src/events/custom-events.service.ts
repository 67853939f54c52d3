import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { BadInputError, FieldProblem } from '../platform/errors/app-error';
import { ApiKeyPrincipal } from '../platform/http/request-context';
import { CustomEventDto, CustomEventsAcceptedDto } from './custom-events.dto';
import { EventIngestService } from './event-ingest.service';

const MAX_PROPERTIES_BYTES = 8 * 1024;
const APP_SCOPED = new Set(['oa_openid', 'mp_openid', 'wecom_external_userid']);

/** Events other systems send us (POS visits, e-commerce orders, …) with an API key. */
@Injectable()
export class CustomEventsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly ingest: EventIngestService,
  ) {}

  /** Checks the whole batch first, so a bad item rejects the batch before anything is stored. */
  async accept(items: CustomEventDto[], key: ApiKeyPrincipal): Promise<CustomEventsAcceptedDto> {
    const problems: FieldProblem[] = [];
    const memberIds = [...new Set(items.flatMap((e) => (e.memberId ? [e.memberId] : [])))];
    const known = new Set(
      memberIds.length ? (await this.ds.getRepository(MemberEntity).find({ where: { id: In(memberIds) }, select: { id: true } })).map((m) => m.id) : [],
    );
    items.forEach((e, i) => {
      const at = (f: string, message: string) => problems.push({ field: `events.${i}.${f}`, message });
      if (!e.memberId === !e.subject) at('memberId', 'give either memberId or subject');
      if (e.memberId && !known.has(e.memberId)) at('memberId', 'no such member');
      if (e.subject && APP_SCOPED.has(e.subject.type) && !e.subject.appId) at('subject.appId', `required for ${e.subject.type}`);
      if (e.properties && Buffer.byteLength(JSON.stringify(e.properties)) > MAX_PROPERTIES_BYTES) at('properties', 'larger than 8 KB');
      if (e.occurredAt && Number.isNaN(new Date(e.occurredAt).getTime())) at('occurredAt', 'not a date');
    });
    if (problems.length) throw new BadInputError(problems.slice(0, 20).map((p) => `${p.field}: ${p.message}`).join('; '), problems);

    // stored in batches with other requests' events (one dedupe lookup, one multi-row INSERT, resolution queued in bulk)
    const results: CustomEventsAcceptedDto['results'] = await Promise.all(
      items.map(async (e, index) => {
        const subject = e.subject ? { type: e.subject.type, appId: APP_SCOPED.has(e.subject.type) ? e.subject.appId! : '', value: e.subject.value } : null;
        const { eventId, duplicate } = await this.ingest.ingest({
          type: e.type,
          source: 'api',
          dedupeKey: `api:${key.keyId}:${e.dedupeId ?? randomUUID()}`,
          occurredAt: e.occurredAt ? new Date(e.occurredAt) : new Date(),
          properties: e.properties ?? {},
          memberId: e.memberId ?? null,
          subject,
          raw: null,
        });
        return { index, eventId: String(eventId), duplicate };
      }),
    );
    return { accepted: results.filter((r) => !r.duplicate).length, duplicates: results.filter((r) => r.duplicate).length, results };
  }
}
