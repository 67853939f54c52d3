/**
 * The event-driven part of the segment bench: three tracked segments whose rules read event types,
 * BENCH_LIVE_EVENTS custom events for random members through POST /api/events (an API key, batches
 * of up to 1,000), and the time until every re-evaluation they cause has finished.
 *
 * Done means: the server's job queue has nothing waiting or running, and the table of members
 * waiting for evaluation (segment_evaluation_pending) is empty, twice in a row 300 ms apart and no
 * sooner than 500 ms after the last batch was answered (the server collects changes for 100 ms
 * before it writes them there).
 */
import { performance } from 'node:perf_hooks';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { BenchEnv, Rng, intEnv } from './lib';
import type { Api } from './segments';

const CLAIM = 'custom.coupon_claimed';
const CHECKIN = 'custom.store_checkin';
/** read by no segment: the baseline run measures the ingestion alone */
const SHARE = 'custom.page_shared';

export interface UpdateRate {
  eventsPerS: number | null;
  note: string;
}

interface SegmentDto {
  id: number;
  name: string;
  tracked?: boolean;
  lastSweptAt?: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether this server build keeps tracked segments' membership (the tables it needs exist). */
async function featureReady(pool: Pool): Promise<boolean> {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('segment_membership', 'segment_evaluation_pending')",
  );
  const [cols] = await pool.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'segment' AND column_name = 'tracked'");
  return Number(rows[0].n) === 2 && Number(cols[0].n) === 1;
}

async function pendingRows(pool: Pool): Promise<number> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM segment_evaluation_pending');
  return Number(rows[0].n);
}

async function busyJobs(api: Api): Promise<number> {
  const res = await fetch(`${api.base}/api/health`);
  const body = (await res.json()) as { jobs?: Record<string, number> };
  return (body.jobs?.waiting ?? 0) + (body.jobs?.active ?? 0);
}

export async function measureUpdateRate(api: Api, pool: Pool, env: BenchEnv, vipTagId: number): Promise<UpdateRate> {
  if (!(await featureReady(pool))) return { eventsPerS: null, note: 'n/a: this server build has no live segment membership (segment_membership / tracked)' };
  const total = intEnv('BENCH_LIVE_EVENTS', 20_000);
  const batch = Math.min(1000, intEnv('BENCH_LIVE_BATCH', 1000));
  const concurrency = intEnv('BENCH_LIVE_CONCURRENCY', 4);
  const timeoutS = intEnv('BENCH_LIVE_TIMEOUT_SECONDS', 900);
  const [[{ members }]] = (await pool.query('SELECT MAX(id) AS members FROM member')) as unknown as [{ members: number }[]];

  // Three tracked segments reading the events sent below (names carry the run's time: reruns add new ones).
  const stamp = new Date().toISOString().slice(0, 19);
  const rules: [string, unknown][] = [
    ['bench: claimed 2+ coupons in 30 days', { kind: 'event', eventType: CLAIM, lastDays: 30, count: { op: 'atLeast', n: 2 } }],
    ['bench: VIP who claimed a coupon this week', { kind: 'group', op: 'and', rules: [{ kind: 'tags', match: 'any', tagIds: [vipTagId] }, { kind: 'event', eventType: CLAIM, lastDays: 7 }] }],
    [
      'bench: checked in, no purchase in 60 days',
      { kind: 'group', op: 'and', rules: [{ kind: 'event', eventType: CHECKIN, lastDays: 30 }, { kind: 'event', eventType: 'pay.paid', lastDays: 60, did: false }] },
    ],
  ];
  const segments: SegmentDto[] = [];
  let keyId: number | null = null;
  // everything stored from here on is this run's (the events sent, segment.entered/left): removed at the end
  const [[start]] = (await pool.query('SELECT COALESCE(MAX(id), 0) AS id FROM event')) as unknown as [{ id: number }[]];
  try {
    for (const [name, rule] of rules) {
      const s = await api.call<SegmentDto>('POST', '/api/segments', { name: `${name} ${stamp}`.slice(0, 64), type: 'dynamic', rule });
      await api.call('PATCH', `/api/segments/${s.id}`, { tracked: true });
      segments.push(s);
    }
    // tracking starts with a membership build in the background: wait for it
    const built = performance.now();
    for (const s of segments) {
      for (;;) {
        const now = await api.call<SegmentDto>('GET', `/api/segments/${s.id}`);
        if (now.lastSweptAt) break;
        if (performance.now() - built > timeoutS * 1000) return { eventsPerS: null, note: `n/a: segment ${s.id}'s membership was not built within ${timeoutS} s` };
        await sleep(250);
      }
    }
    console.log(`live: 3 tracked segments built in ${((performance.now() - built) / 1000).toFixed(1)} s (${segments.map((s) => s.id).join(', ')})`);

    const key = await api.call<{ id: number; key: string }>('POST', '/api/api-keys', { name: `segment bench ${stamp}` });
    keyId = key.id;
    const rng = new Rng(env.seed ^ 0x11fe);
    const makeBatches = (label: string, pickType: () => string) => {
      const out: { type: string; memberId: number; dedupeId: string; properties: Record<string, unknown> }[][] = [];
      for (let i = 0; i < total; i += batch) {
        const list = [];
        for (let j = i; j < Math.min(total, i + batch); j++) {
          const type = pickType();
          list.push({ type, memberId: rng.int(1, Number(members)), dedupeId: `bench-${label}-${stamp}-${j}`, properties: type === CHECKIN ? { storeCode: `S${rng.int(1, 20)}` } : type === CLAIM ? { couponId: `CPN${rng.int(1, 60)}` } : { path: '/pages/goods/detail' } });
        }
        out.push(list);
      }
      return out;
    };
    /** Sends the batches, `concurrency` at a time; then waits until every evaluation they caused is done. */
    const run = async (batches: ReturnType<typeof makeBatches>) => {
      const t0 = performance.now();
      let next = 0;
      let accepted = 0;
      const send = async () => {
        while (next < batches.length) {
          const events = batches[next++];
          const res = await api.call<{ accepted: number }>('POST', '/api/events', { events }, { 'x-api-key': key.key });
          accepted += res.accepted;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, send));
      const sentS = (performance.now() - t0) / 1000;
      const lastAnswer = performance.now();
      let quiet = 0;
      for (;;) {
        await sleep(300);
        const idle = performance.now() - lastAnswer >= 500 && (await pendingRows(pool)) === 0 && (await busyJobs(api)) === 0;
        quiet = idle ? quiet + 1 : 0;
        if (quiet >= 2) break;
        if (performance.now() - t0 > timeoutS * 1000) return null;
      }
      // the two quiet polls are not work: count up to the first of them
      return { accepted, sentS, doneS: (performance.now() - t0 - 300) / 1000 };
    };

    // Baseline: the same number of events of a type no segment reads (stored, told, ignored).
    const base = await run(makeBatches('base', () => SHARE));
    if (!base) return { eventsPerS: null, note: `n/a: the baseline did not settle within ${timeoutS} s` };
    console.log(`live: baseline, ${total} events no segment reads: ${(total / base.doneS).toFixed(0)} events/s (${base.doneS.toFixed(1)} s)`);

    const [[before]] = (await pool.query('SELECT COALESCE(MAX(id), 0) AS id FROM event')) as unknown as [{ id: number }[]];
    const live = await run(makeBatches('live', () => (rng.chance(0.5) ? CLAIM : CHECKIN)));
    if (!live) return { eventsPerS: null, note: `n/a: evaluations still running after ${timeoutS} s (BENCH_LIVE_TIMEOUT_SECONDS)` };
    const { accepted, sentS, doneS } = live;
    const rate = total / doneS;

    const [[moves]] = (await pool.query(
      "SELECT SUM(type = 'segment.entered') AS entered, SUM(type = 'segment.left') AS left_ FROM event WHERE id > ? AND type IN ('segment.entered', 'segment.left')",
      [before.id],
    )) as unknown as [{ entered: number | null; left_: number | null }[]];
    console.log(
      `live: ${total} events (${accepted} accepted) in batches of ${batch}, ${concurrency} at a time: sent in ${sentS.toFixed(1)} s, all evaluated after ${doneS.toFixed(1)} s; ` +
        `${Number(moves.entered ?? 0)} segment.entered and ${Number(moves.left_ ?? 0)} segment.left events`,
    );
    // The kept membership must be the rule's answer now.
    for (const s of segments) {
      const [[row]] = (await pool.query('SELECT COUNT(*) AS n FROM segment_membership WHERE segment_id = ?', [s.id])) as unknown as [{ n: number }[]];
      const counted = await api.call<{ count: number | null }>('POST', `/api/segments/${s.id}/count`);
      const ok = Number(row.n) === counted.count;
      console.log(`live: segment ${s.id} "${s.name}": ${row.n} members kept, rule counts ${counted.count}${ok ? '' : '  <-- MISMATCH'}`);
    }
    return { eventsPerS: rate, note: `${rate.toFixed(0)} events/s with 3 tracked segments re-evaluated, ${(total / base.doneS).toFixed(0)} events/s stored alone (${total} events each)` };
  } finally {
    for (const s of segments) await api.call('DELETE', `/api/segments/${s.id}`).catch(() => undefined);
    if (keyId !== null) await api.call('DELETE', `/api/api-keys/${keyId}`).catch(() => undefined);
    // so the next run counts the same data
    for (;;) {
      const [res] = (await pool.query('DELETE FROM event WHERE id > ? LIMIT 10000', [start.id])) as unknown as [{ affectedRows: number }];
      if (res.affectedRows < 10000) break;
    }
  }
}
