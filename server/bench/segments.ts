/**
 * Segment benchmark: how long POST /api/segments/preview takes to count five representative rules on
 * BENCH_MEMBERS members and BENCH_EVENTS events, each next to a hand-written SQL query giving the
 * same answer on the same data in the same run; then how many events per second the live membership
 * of three tracked segments keeps up with.
 *
 *   npm run bench:segments -w server     (build the server first: npm run build -w server)
 *
 * Seeds what is missing first (bench/seed.ts, bench/seed-events.ts). Starts the built server
 * (dist/main.js) as a child process and stops it at the end. Goals (every rule < 1 s and at most
 * 1.5× its hand-written query) are reported, never asserted. See bench/README.md.
 */
import { performance } from 'node:perf_hooks';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { BenchEnv, benchEnv, fmt, intEnv } from './lib';
import { VIP_TAG, openPool } from './seed';
import { ensureEvents } from './seed-events';
import { ServerProcess, freePort, startServer } from './server-process';
import { measureUpdateRate } from './segments-live';

const GOAL_MS = 1000;
const GOAL_RATIO = 1.5;
const ADMIN_USERNAME = 'bench';
const ADMIN_PASSWORD = 'Bench#12345';
const DORMANT_TAG = '沉睡用户';
const COUPON = 'custom.coupon_redeemed';

export interface Api {
  base: string;
  token: string;
  call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

async function connect(server: ServerProcess): Promise<Api> {
  const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token?: string): Promise<T> => {
    const res = await fetch(server.base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const { accessToken } = await call<{ accessToken: string }>('POST', '/api/auth/login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD });
  return { base: server.base, token: accessToken, call: (method, path, body, headers) => call(method, path, body, headers, headers?.['x-api-key'] ? undefined : accessToken) };
}

// ---------------------------------------------------------------------------------------------
// The five rules, each with the query one would write by hand for the same answer
// ---------------------------------------------------------------------------------------------

interface RuleCase {
  name: string;
  rule: unknown;
  /** the hand-written query: `SELECT COUNT(*) AS n …`, with "now" taken when it runs */
  sql: (now: Date) => { sql: string; params: unknown[] };
  /**
   * For reference, when the hand-written query never reads `member`: the same query joined to member
   * (one primary-key lookup per match), as any condition on `member m` must do.
   */
  viaMember?: (now: Date) => { sql: string; params: unknown[] };
}

interface Refs {
  vip: number;
  dormant: number;
  rfm: { recencyDays: number; frequencyMin: number; monetaryMin: number };
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC, whole seconds: how the server writes a window's start. */
const since = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');

function ruleCases(refs: Refs): RuleCase[] {
  return [
    {
      name: 'attribute',
      rule: { kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'city', operator: 'eq', value: '上海' }, { kind: 'attribute', field: 'level', operator: 'gte', value: 3 }] },
      sql: () => ({ sql: 'SELECT COUNT(*) AS n FROM member WHERE city = ? AND level >= ?', params: ['上海', 3] }),
    },
    {
      name: 'tags',
      rule: { kind: 'group', op: 'and', rules: [{ kind: 'tags', match: 'any', tagIds: [refs.vip] }, { kind: 'tags', match: 'none', tagIds: [refs.dormant] }] },
      // from the VIP tag's members, without those also tagged dormant (an anti-join on the primary key)
      sql: () => ({
        sql: 'SELECT COUNT(*) AS n FROM member_tag v LEFT JOIN member_tag d ON d.member_id = v.member_id AND d.tag_id = ? WHERE v.tag_id = ? AND d.member_id IS NULL',
        params: [refs.dormant, refs.vip],
      }),
      viaMember: () => ({
        sql: 'SELECT COUNT(*) AS n FROM member_tag v JOIN member m ON m.id = v.member_id LEFT JOIN member_tag d ON d.member_id = v.member_id AND d.tag_id = ? WHERE v.tag_id = ? AND d.member_id IS NULL',
        params: [refs.dormant, refs.vip],
      }),
    },
    {
      name: 'behaviour',
      rule: { kind: 'event', eventType: 'pay.paid', lastDays: 30, count: { op: 'atLeast', n: 2 }, properties: [{ name: 'amount', operator: 'gte', value: 10_000 }] },
      // the window's paid orders through idx_event__type_time_member, grouped by member
      sql: (now) => ({
        sql:
          'SELECT COUNT(*) AS n FROM (SELECT e.member_id FROM event e WHERE e.type = ? AND e.occurred_at >= ? ' +
          "AND CAST(JSON_VALUE(e.properties, '$.amount') AS UNSIGNED) >= ? GROUP BY e.member_id HAVING COUNT(*) >= ?) x",
        params: ['pay.paid', since(now, 30), 10_000, 2],
      }),
      viaMember: (now) => ({
        sql:
          'SELECT COUNT(*) AS n FROM (SELECT e.member_id FROM event e WHERE e.type = ? AND e.occurred_at >= ? ' +
          "AND CAST(JSON_VALUE(e.properties, '$.amount') AS UNSIGNED) >= ? GROUP BY e.member_id HAVING COUNT(*) >= ?) x JOIN member m ON m.id = x.member_id",
        params: ['pay.paid', since(now, 30), 10_000, 2],
      }),
    },
    {
      name: 'rfm',
      rule: { kind: 'rfm', group: 'importantValue' },
      sql: (now) => ({
        sql: 'SELECT COUNT(*) AS n FROM member_stats s WHERE s.last_paid_at >= ? AND s.paid_count >= ? AND s.paid_amount >= ?',
        params: [since(now, refs.rfm.recencyDays), Math.max(1, refs.rfm.frequencyMin), refs.rfm.monetaryMin],
      }),
      viaMember: (now) => ({
        sql: 'SELECT COUNT(*) AS n FROM member_stats s JOIN member m ON m.id = s.member_id WHERE s.last_paid_at >= ? AND s.paid_count >= ? AND s.paid_amount >= ?',
        params: [since(now, refs.rfm.recencyDays), Math.max(1, refs.rfm.frequencyMin), refs.rfm.monetaryMin],
      }),
    },
    {
      name: 'nested_not',
      // 上海, VIP, redeemed a coupon in the last 30 days, but NOT (paid in the last 60 days)
      rule: {
        kind: 'group',
        op: 'and',
        rules: [
          { kind: 'attribute', field: 'city', operator: 'eq', value: '上海' },
          { kind: 'tags', match: 'any', tagIds: [refs.vip] },
          { kind: 'event', eventType: COUPON, lastDays: 30 },
          { kind: 'group', op: 'and', not: true, rules: [{ kind: 'event', eventType: 'pay.paid', lastDays: 60 }] },
        ],
      },
      // the few members who redeemed lately, narrowed by VIP and city, minus the recent payers
      sql: (now) => ({
        sql:
          'SELECT COUNT(*) AS n FROM (SELECT DISTINCT e.member_id FROM event e WHERE e.type = ? AND e.occurred_at >= ?) c ' +
          'JOIN member_tag t ON t.member_id = c.member_id AND t.tag_id = ? ' +
          'JOIN member m ON m.id = c.member_id AND m.city = ? ' +
          'WHERE NOT EXISTS (SELECT 1 FROM event p WHERE p.member_id = c.member_id AND p.type = ? AND p.occurred_at >= ?)',
        params: [COUPON, since(now, 30), refs.vip, '上海', 'pay.paid', since(now, 60)],
      }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

interface RuleResult {
  name: string;
  count: number;
  sqlCount: number;
  /** API counts and SQL counts that differed in every pair */
  mismatch: boolean;
  apiMs: number;
  dbMs: number;
  sqlMs: number;
  ratio: number;
  /** the fastest run of each, less disturbed by whatever else the machine runs */
  apiMin: number;
  sqlMin: number;
  /** median of the reference query through member, when there is one */
  viaMemberMs: number | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

async function preview(api: Api, rule: unknown): Promise<{ count: number; tookMs: number; ms: number }> {
  const t0 = performance.now();
  const body = await api.call<{ count: number; tookMs: number }>('POST', '/api/segments/preview', { rule, sampleSize: 0 });
  return { count: body.count, tookMs: body.tookMs, ms: performance.now() - t0 };
}

async function handSql(pool: Pool, c: RuleCase, query = c.sql): Promise<{ count: number; ms: number }> {
  const { sql, params } = query(new Date());
  const t0 = performance.now();
  const [rows] = await pool.query<RowDataPacket[]>(sql, params);
  return { count: Number(rows[0].n), ms: performance.now() - t0 };
}

/**
 * One untimed warm-up of each, then `runs` alternating API and SQL runs. A window's start moves by the
 * second, so a pair may differ by an event crossing it; a real mismatch differs in every pair.
 */
async function measure(api: Api, pool: Pool, c: RuleCase, runs: number): Promise<RuleResult> {
  await preview(api, c.rule);
  await handSql(pool, c);
  const apiMs: number[] = [];
  const dbMs: number[] = [];
  const sqlMs: number[] = [];
  let agreed = false;
  let count = 0;
  let sqlCount = 0;
  const viaMember: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = await preview(api, c.rule);
    const s = await handSql(pool, c);
    if (c.viaMember) viaMember.push((await handSql(pool, c, c.viaMember)).ms);
    apiMs.push(a.ms);
    dbMs.push(a.tookMs);
    sqlMs.push(s.ms);
    count = a.count;
    sqlCount = s.count;
    if (a.count === s.count) agreed = true;
  }
  const api50 = median(apiMs);
  const sql50 = median(sqlMs);
  return { name: c.name, count, sqlCount, mismatch: !agreed, apiMs: api50, dbMs: median(dbMs), sqlMs: sql50, ratio: api50 / sql50, apiMin: Math.min(...apiMs), sqlMin: Math.min(...sqlMs), viaMemberMs: viaMember.length ? median(viaMember) : null };
}

async function explain(pool: Pool, c: RuleCase): Promise<string[]> {
  const { sql, params } = c.sql(new Date());
  const [rows] = await pool.query<RowDataPacket[]>(`EXPLAIN ${sql}`, params);
  return rows.map((r) => `    ${r.id} ${r.select_type} ${r.table} type=${r.type} key=${r.key} rows=${r.rows} ${r.Extra ?? ''}`.trimEnd());
}

// ---------------------------------------------------------------------------------------------

async function tagId(pool: Pool, name: string): Promise<number> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT id FROM tag WHERE name = ?', [name]);
  if (!rows.length) throw new Error(`tag "${name}" is missing: reseed (npm run bench:seed -w server)`);
  return Number(rows[0].id);
}

async function main() {
  // A database of its own by default: the run adds segments, an API key and events.
  process.env.BENCH_DB_URL ||= 'mysql://root@127.0.0.1:3306/scrm_bench_segments';
  const env: BenchEnv = benchEnv();
  const events = intEnv('BENCH_EVENTS', 10_000_000);
  const runs = intEnv('BENCH_RUNS', 5);
  await ensureEvents(env, events);

  const pool = openPool(env, 2);
  const [[sizes]] = (await pool.query(
    "SELECT (SELECT COUNT(*) FROM member) AS members, (SELECT table_rows FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'event') AS events, @@innodb_buffer_pool_size AS pool",
  )) as unknown as [{ members: number; events: number; pool: number }[]];
  console.log(`segments: ${sizes.members} members, ~${sizes.events} events (table estimate), innodb_buffer_pool_size=${Math.round(Number(sizes.pool) / 1048576)} MB`);

  const port = process.env.BENCH_PORT ? intEnv('BENCH_PORT', 3199) : await freePort();
  const server = await startServer(
    {
      NODE_ENV: 'production',
      DB_URL: env.dbUrl,
      REDIS_URL: '',
      ROLE: 'all',
      APP_SECRET_KEY: env.secretKey,
      ADMIN_USERNAME,
      ADMIN_PASSWORD,
      DEMO_DATA: 'off',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    },
    port,
  );
  console.log(`segments: server pid ${server.child.pid} up at ${server.base} (log: ${server.log})`);
  const results: RuleResult[] = [];
  let rate: { eventsPerS: number | null; note: string };
  try {
    const api = await connect(server);
    const rfm = await api.call<{ config: Refs['rfm'] }>('GET', '/api/segment-layers/rfm');
    const refs: Refs = { vip: await tagId(pool, VIP_TAG), dormant: await tagId(pool, DORMANT_TAG), rfm: rfm.config };
    console.log(`segments: ${runs} timed runs per rule (median), after one warm-up; RFM thresholds ${JSON.stringify(refs.rfm)}`);
    for (const c of ruleCases(refs)) {
      const r = await measure(api, pool, c, runs);
      results.push(r);
      console.log(
        `rule=${r.name} count=${r.count} api_ms=${fmt(r.apiMs)} sql_ms=${fmt(r.sqlMs)} ratio=${r.ratio.toFixed(2)} db_ms=${fmt(r.dbMs)}` +
          `${r.apiMs < GOAL_MS && r.ratio <= GOAL_RATIO ? '' : '  <-- goal missed'}${r.mismatch ? `  <-- MISMATCH: SQL counts ${r.sqlCount}` : ''}`,
      );
      console.log(
        `    fastest run: api ${fmt(r.apiMin)} ms, sql ${fmt(r.sqlMin)} ms (ratio ${(r.apiMin / r.sqlMin).toFixed(2)}); db_ms is the COUNT inside the server (preview's tookMs)` +
          (r.viaMemberMs === null ? '' : `; the hand-written SQL joined to member: ${fmt(r.viaMemberMs)} ms (api ratio ${(r.apiMs / r.viaMemberMs).toFixed(2)})`),
      );
      if (process.env.BENCH_EXPLAIN === '1') for (const line of await explain(pool, c)) console.log(line);
    }
    rate = process.env.BENCH_LIVE === 'off' ? { eventsPerS: null, note: 'n/a: skipped (BENCH_LIVE=off)' } : await measureUpdateRate(api, pool, env, refs.vip);
  } finally {
    await server.stop();
    await pool.end();
  }

  const worstMs = Math.max(...results.map((r) => r.apiMs));
  const worstRatio = Math.max(...results.map((r) => r.ratio));
  const mismatches = results.filter((r) => r.mismatch).map((r) => r.name);
  console.log(`\ngoal: every rule < ${GOAL_MS} ms: ${worstMs < GOAL_MS ? 'met' : 'NOT met'} (worst ${fmt(worstMs)} ms)`);
  console.log(`goal: every rule <= ${GOAL_RATIO}x its hand-written SQL: ${worstRatio <= GOAL_RATIO ? 'met' : 'NOT met'} (worst ${worstRatio.toFixed(2)}x)`);
  if (mismatches.length) console.log(`COUNT MISMATCH between the API and the hand-written SQL: ${mismatches.join(', ')}`);
  console.log(`event-driven updates: ${rate.note}`);
  console.log(`segments worst_ms=${worstMs.toFixed(1)} worst_ratio=${worstRatio.toFixed(2)} events_per_s=${rate.eventsPerS === null ? 'n/a' : rate.eventsPerS.toFixed(0)}`);
  if (mismatches.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`segments bench failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
