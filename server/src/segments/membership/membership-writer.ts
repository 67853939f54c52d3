import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventsService, NewEvent } from '../../events/events.service';
import { isMysql } from '../../platform/database/data-source';
import { fromDbDatetime, toDbDatetime } from '../../platform/time/time';
import { Compiled } from '../segment-compiler';
import { MembershipReason, chunks, diffMembership, membershipEvent, toDbMillis } from './membership-diff';

export interface SegmentWork {
  segment: { id: number; name: string };
  where: Compiled;
  memberIds: number[];
}

export interface WriteResult {
  evaluations: number;
  entered: number;
  left: number;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Writes membership: rows of segment_membership in and out, and the segment.entered / segment.left
 * event of each, in one transaction so a stay and its events never part. Events carry a dedupe key
 * per stay, so an evaluation that runs twice (a retry, two workers) stores each event once.
 */
@Injectable()
export class MembershipWriter {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventsService,
  ) {}

  /**
   * Evaluates a few members against the segments their changes may affect. On MySQL the members' rows
   * are locked first, so two evaluations of one member run one after the other and the second sees
   * what the first wrote (SQLite has one writer anyway).
   */
  async evaluate(work: SegmentWork[], now: Date, reason: MembershipReason): Promise<WriteResult> {
    const all = [...new Set(work.flatMap((w) => w.memberIds))].sort((a, b) => a - b);
    const out: WriteResult = { evaluations: 0, entered: 0, left: 0 };
    if (!all.length) return out;
    await this.ds.transaction(async (m) => {
      if (isMysql(this.ds)) await m.query(`SELECT id FROM member WHERE id IN (${marks(all.length)}) ORDER BY id FOR UPDATE`, all);
      // tracking may have been turned off (or the segment rebuilt from scratch) since the work was planned
      const segIds = [...new Set(work.map((w) => w.segment.id))];
      const live = new Set(
        ((await m.query(`SELECT id FROM segment WHERE tracked = 1 AND last_swept_at IS NOT NULL AND id IN (${marks(segIds.length)})`, segIds)) as { id: number | string }[]).map((r) => Number(r.id)),
      );
      const events: NewEvent[] = [];
      for (const w of work) {
        if (!live.has(w.segment.id) || !w.memberIds.length) continue;
        const ids = [...new Set(w.memberIds)];
        out.evaluations += ids.length;
        const matched = new Set(
          ((await m.query(`SELECT m.id FROM member m WHERE m.id IN (${marks(ids.length)}) AND (${w.where.sql})`, [...ids, ...w.where.params])) as { id: number | string }[]).map((r) => Number(r.id)),
        );
        const current = await this.current(m, w.segment.id, ids);
        const { enter, leave } = diffMembership(ids, matched, current);
        const entered = await this.enter(m, w.segment.id, enter, now);
        if (leave.length) await m.query(`DELETE FROM segment_membership WHERE segment_id = ? AND member_id IN (${marks(leave.length)})`, [w.segment.id, ...leave.map((l) => l.memberId)]);
        for (const id of entered) events.push(membershipEvent('entered', w.segment, id, { enteredAt: now, at: now }, reason));
        for (const l of leave) events.push(membershipEvent('left', w.segment, l.memberId, { enteredAt: l.enteredAt, at: now }, reason));
        out.entered += entered.length;
        out.left += leave.length;
      }
      await this.events.recordMany(events, m);
    });
    return out;
  }

  /**
   * Builds a segment's membership from its rule in set-based statements. The first build (no
   * last_swept_at yet) is a baseline and tells nobody; later ones (the rule changed) store an event
   * for each member who came in or went out.
   */
  async rebuild(segment: { id: number; name: string }, where: Compiled, now: Date, baseline: boolean, reason: MembershipReason = 'rule'): Promise<{ entered: number; left: number }> {
    const at = toDbMillis(now);
    return this.ds.transaction(async (m) => {
      const ignore = isMysql(this.ds) ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
      const insert = (only: string, params: unknown[]) =>
        m.query(`${ignore} INTO segment_membership (segment_id, member_id, entered_at) SELECT ?, m.id, ? FROM member m WHERE (${where.sql})${only}`, [segment.id, at, ...where.params, ...params]);
      let result = { entered: 0, left: 0 };
      if (baseline) {
        await m.query('DELETE FROM segment_membership WHERE segment_id = ?', [segment.id]);
        await insert('', []);
      } else {
        const leaving: { member_id: number | string; entered_at: Date | string }[] = await m.query(
          `SELECT sm.member_id, sm.entered_at FROM segment_membership sm WHERE sm.segment_id = ? AND NOT EXISTS (SELECT 1 FROM member m WHERE m.id = sm.member_id AND (${where.sql}))`,
          [segment.id, ...where.params],
        );
        await insert(' AND NOT EXISTS (SELECT 1 FROM segment_membership sm WHERE sm.segment_id = ? AND sm.member_id = m.id)', [segment.id]);
        const came: { member_id: number | string }[] = await m.query('SELECT member_id FROM segment_membership WHERE segment_id = ? AND entered_at = ?', [segment.id, at]);
        for (const part of chunks(leaving, 1000)) {
          await m.query(`DELETE FROM segment_membership WHERE segment_id = ? AND member_id IN (${marks(part.length)})`, [segment.id, ...part.map((l) => Number(l.member_id))]);
        }
        await this.events.recordMany(
          [
            ...came.map((r) => membershipEvent('entered', segment, Number(r.member_id), { enteredAt: now, at: now }, reason)),
            ...leaving.map((r) => membershipEvent('left', segment, Number(r.member_id), { enteredAt: fromDbDatetime(r.entered_at)!, at: now }, reason)),
          ],
          m,
        );
        result = { entered: came.length, left: leaving.length };
      }
      await this.markSwept(m, segment.id, now);
      return result;
    });
  }

  /** A merged-away member leaves every segment it was in (inside the merge's transaction). */
  async leaveAll(memberId: number, now: Date, m: EntityManager): Promise<number> {
    const rows: { segment_id: number | string; entered_at: Date | string; name: string }[] = await m.query(
      'SELECT sm.segment_id, sm.entered_at, s.name FROM segment_membership sm JOIN segment s ON s.id = sm.segment_id WHERE sm.member_id = ?',
      [memberId],
    );
    if (!rows.length) return 0;
    await m.query('DELETE FROM segment_membership WHERE member_id = ?', [memberId]);
    await this.events.recordMany(
      rows.map((r) => membershipEvent('left', { id: Number(r.segment_id), name: r.name }, memberId, { enteredAt: fromDbDatetime(r.entered_at)!, at: now }, 'merged')),
      m,
    );
    return rows.length;
  }

  /** Forgets a segment's members (tracking turned off, or the segment deleted). */
  async clear(segmentId: number): Promise<void> {
    await this.ds.query('DELETE FROM segment_membership WHERE segment_id = ?', [segmentId]);
  }

  async markSwept(m: EntityManager, segmentId: number, at: Date): Promise<void> {
    await m.query('UPDATE segment SET last_swept_at = ? WHERE id = ? AND tracked = 1', [toDbDatetime(at), segmentId]);
  }

  private async current(m: EntityManager, segmentId: number, ids: number[]): Promise<Map<number, Date>> {
    const rows: { member_id: number | string; entered_at: Date | string }[] = await m.query(
      `SELECT member_id, entered_at FROM segment_membership WHERE segment_id = ? AND member_id IN (${marks(ids.length)})`,
      [segmentId, ...ids],
    );
    return new Map(rows.map((r) => [Number(r.member_id), fromDbDatetime(r.entered_at)!]));
  }

  /** Adds the rows; returns the members this evaluation added (a concurrent one may have added some first). */
  private async enter(m: EntityManager, segmentId: number, ids: number[], now: Date): Promise<number[]> {
    if (!ids.length) return [];
    const at = toDbMillis(now);
    const ignore = isMysql(this.ds) ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    await m.query(`${ignore} INTO segment_membership (segment_id, member_id, entered_at) VALUES ${ids.map(() => '(?, ?, ?)').join(', ')}`, ids.flatMap((id) => [segmentId, id, at]));
    const mine: { member_id: number | string }[] = await m.query(
      `SELECT member_id FROM segment_membership WHERE segment_id = ? AND entered_at = ? AND member_id IN (${marks(ids.length)})`,
      [segmentId, at, ...ids],
    );
    return mine.map((r) => Number(r.member_id));
  }
}
