import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { duplicateKey } from '../platform/errors/http-exception.filter';
import { EventResolutionService } from './event-resolution.service';
import { EventEntity } from './event.entity';
import { EventsService, NewEvent } from './events.service';

/** Largest batch written at once; a busy second of callbacks fills several. */
const MAX_BATCH = 200;

interface Pending {
  input: NewEvent;
  resolve: (r: { eventId: number; duplicate: boolean }) => void;
  reject: (e: unknown) => void;
}

/**
 * The callbacks' way into the event store. Pushes that arrive together are stored together: one
 * lookup of their dedupe keys, one multi-row INSERT of the new ones and one bulk enqueue of their
 * resolution, instead of a round trip (and a log flush) each. Under light load a batch is a single
 * push and costs no waiting; each caller still learns whether its own push was new or a retry.
 */
@Injectable()
export class EventIngestService {
  private readonly logger = new Logger('EventIngest');
  private queue: Pending[] = [];
  private flushing = false;
  private readonly listeners: ((event: EventEntity) => Promise<void>)[] = [];

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventsService,
    private readonly resolution: EventResolutionService,
  ) {}

  /** Stores the event (unless its dedupe key is known) and, when new and it has a subject, queues its resolution. */
  ingest(input: NewEvent): Promise<{ eventId: number; duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.flushing) void this.drain();
    });
  }

  /**
   * Told of every new event (not retries) once stored, after the callback has been answered; for
   * events no member resolution follows (e.g. a WeCom corp tag deleted). A failing listener is logged.
   */
  onStored(listener: (event: EventEntity) => Promise<void>): void {
    this.listeners.push(listener);
  }

  private tell(events: EventEntity[]): void {
    for (const e of events) for (const l of this.listeners) l(e).catch((err) => this.logger.warn(`after storing ${e.type}: ${(err as Error).message}`));
  }

  /** One batch at a time; whatever arrives meanwhile forms the next one. */
  private async drain(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.write(batch);
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const rows = batch.map((p) => this.events.toRow(p.input));
    const keys = [...new Set(rows.map((r) => r.dedupeKey))];
    const repo = this.ds.getRepository(EventEntity);
    const known = new Map((await repo.find({ where: { dedupeKey: In(keys) }, select: { id: true, dedupeKey: true } })).map((r) => [r.dedupeKey, Number(r.id)]));
    // Only the first of several pushes with one key in this batch is new; the rest are its retries.
    const fresh = new Map<string, EventEntity>();
    for (const r of rows) if (!known.has(r.dedupeKey) && !fresh.has(r.dedupeKey)) fresh.set(r.dedupeKey, r);
    if (fresh.size) {
      try {
        await repo.createQueryBuilder().insert().values([...fresh.values()] as never).updateEntity(false).execute();
      } catch (e) {
        if (!duplicateKey(e)) throw e;
        // another process stored one of them since we looked: settle each one on its own
        this.logger.debug('a dedupe key was taken meanwhile; storing this batch one by one');
        for (const p of batch) this.events.record(p.input).then(async ({ event, duplicate }) => {
          if (!duplicate && event.subject) await this.resolution.enqueue(event);
          if (!duplicate) this.tell([event]);
          p.resolve({ eventId: Number(event.id), duplicate });
        }, p.reject);
        return;
      }
      const stored = await repo.find({ where: { dedupeKey: In([...fresh.keys()]) }, select: { id: true, dedupeKey: true, subject: true } });
      for (const s of stored) fresh.get(s.dedupeKey)!.id = Number(s.id);
      await this.resolution.enqueueMany([...fresh.values()].filter((r) => r.subject));
      if (this.listeners.length) this.tell([...fresh.values()]);
    }
    const claimed = new Set<string>();
    for (const [i, p] of batch.entries()) {
      const key = rows[i].dedupeKey;
      const isNew = fresh.has(key) && !claimed.has(key);
      if (isNew) claimed.add(key);
      p.resolve({ eventId: isNew ? fresh.get(key)!.id : (known.get(key) ?? fresh.get(key)!.id), duplicate: !isNew });
    }
  }
}
