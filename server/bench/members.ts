/**
 * Member-list benchmark: GET /api/members filtered by a tag, paged with nextCursor, against a
 * seeded MySQL/MariaDB, next to the same keyset SQL run directly through mysql2.
 *
 *   npm run bench:members -w server     (build the server first: npm run build -w server)
 *
 * Seeds first when the database holds fewer than BENCH_MEMBERS members. Starts the built server
 * (dist/main.js) on BENCH_PORT as a child process and stops it at the end. Prints p50/p95; the
 * goal (p95 < 200 ms) is reported, never asserted. See bench/README.md.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { BenchEnv, SERVER_DIR, Stats, benchEnv, builtServerFile, fmt, stats, statsLine } from './lib';
import { BROAD_TAG, VIP_TAG, openPool, seed } from './seed';

const GOAL_P95_MS = 200;
/**
 * Time budget of one measured series (one tag, API or SQL): a slow query on 1M members must not
 * turn the bench into an hour. The first full walk of BENCH_PAGES pages always completes.
 */
const CASE_SECONDS = Number(process.env.BENCH_CASE_SECONDS || 120);
const ADMIN_USERNAME = 'bench';
const ADMIN_PASSWORD = 'Bench#12345';

interface TagCase {
  label: string;
  name: string;
  id: number;
  members: number;
}

// ---------------------------------------------------------------------------------------------
// The server as a child process
// ---------------------------------------------------------------------------------------------

async function startServer(env: BenchEnv): Promise<{ child: ChildProcess; base: string; log: string }> {
  const main = builtServerFile('dist/main.js');
  if (!main) throw new Error('server/dist/main.js is missing: build the server first (npm run build -w server)');
  if (await portInUse(env.port)) {
    throw new Error(`127.0.0.1:${env.port} is already taken by another process: set BENCH_PORT to a free port`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'scrm-bench-'));
  const log = join(dataDir, 'server.log');
  const out = createWriteStream(log);
  const child = spawn(process.execPath, [main], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DB_URL: env.dbUrl,
      REDIS_URL: '',
      ROLE: 'all',
      HOST: '127.0.0.1',
      PORT: String(env.port),
      DATA_DIR: dataDir,
      APP_SECRET_KEY: env.secretKey,
      ADMIN_USERNAME,
      ADMIN_PASSWORD,
      DEMO_DATA: 'off',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
      // One login per run, but reruns within a minute must not hit the limiter.
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const base = `http://127.0.0.1:${env.port}`;
  const deadline = Date.now() + 120_000;
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited (code ${exited}) before it answered; its log:\n${tail(log)}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer ${base}/api/health within 120 s; its log:\n${tail(log)}`);
    }
    await sleep(250);
  }
  console.log(`members: server pid ${child.pid} up at ${base} (log: ${log})`);
  return { child, base, log };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await done;
  clearTimeout(timer);
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD }),
  });
  const body = (await res.json().catch(() => null)) as { accessToken?: string } | null;
  if (!res.ok || !body?.accessToken) {
    throw new Error(`POST /api/auth/login answered ${res.status}: ${JSON.stringify(body)} (the bench admin "${ADMIN_USERNAME}" is created on first boot when no admin exists; an older bench database may hold another one: drop it and rerun)`);
  }
  return body.accessToken;
}

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------

interface PageRun {
  samples: number[];
  /** ids in the order the pages returned them, for the first walk of BENCH_PAGES pages */
  firstWalk: number[];
  total: number | null;
}

/** GET /api/members?tagId=…, following nextCursor for `pages` pages, until `requests` requests were timed. */
async function apiRun(base: string, token: string, tag: TagCase, env: BenchEnv, requests: number): Promise<PageRun> {
  const samples: number[] = [];
  let firstWalk: number[] | null = null;
  let total: number | null = null;
  const deadline = Date.now() + CASE_SECONDS * 1000;
  while (samples.length < requests && (Date.now() < deadline || !firstWalk)) {
    let cursor: string | null = null;
    const walk: number[] = [];
    for (let page = 0; page < env.pages && samples.length < requests && (Date.now() < deadline || !firstWalk); page++) {
      const qs = new URLSearchParams({ tagId: String(tag.id), limit: String(env.limit), sort: 'createdAt', order: 'desc' });
      if (cursor) qs.set('cursor', cursor);
      const { res, text, ms } = await timedGet(`${base}/api/members?${qs}`, token);
      if (!res.ok) throw new Error(`GET /api/members?${qs} answered ${res.status}: ${text.slice(0, 500)}`);
      const body = JSON.parse(text) as { items?: { id: number }[]; nextCursor?: string | null; total?: number };
      if (!Array.isArray(body.items) || typeof body.total !== 'number' || !('nextCursor' in body)) {
        throw new Error(`GET /api/members does not answer {items, nextCursor, total}: ${text.slice(0, 300)}`);
      }
      samples.push(ms);
      total ??= body.total;
      walk.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor ?? null;
      if (!cursor) break;
    }
    firstWalk ??= walk;
  }
  return { samples, firstWalk: firstWalk ?? [], total };
}

/**
 * One GET, timed. A keep-alive socket the server closed while the bench was busy with SQL can fail
 * on reuse ("fetch failed", other side closed): that attempt is retried once and not timed.
 */
async function timedGet(url: string, token: string): Promise<{ res: Response; text: string; ms: number }> {
  for (let attempt = 1; ; attempt++) {
    const t0 = performance.now();
    try {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      return { res, text, ms: performance.now() - t0 };
    } catch (e) {
      const cause = e instanceof Error && e.cause ? ` (${String((e.cause as Error).message ?? e.cause)})` : '';
      if (attempt >= 2) throw new Error(`GET ${url} failed after ${Math.round(performance.now() - t0)} ms: ${e instanceof Error ? e.message : e}${cause}`);
      console.log(`members: GET failed after ${Math.round(performance.now() - t0)} ms${cause}; retrying once`);
    }
  }
}

interface SqlRun extends PageRun {
  pageSamples: number[];
  countSamples: number[];
}

type Shape = 'exists' | 'join';

/**
 * The keyset query the endpoint needs, as plain SQL: one page (limit + 1 rows, ordered by
 * created_at desc, id desc, after the previous page's last row) and the total, run concurrently
 * like the server does. `exists` is the server's shape (TagsService.applyHasTag), `join` the
 * textbook join on member_tag. The cursor keeps created_at's full DATETIME(6) precision.
 */
async function sqlRun(pool: Pool, tag: TagCase, env: BenchEnv, requests: number, shape: Shape): Promise<SqlRun> {
  const from =
    shape === 'exists'
      ? 'FROM member m WHERE EXISTS (SELECT 1 FROM member_tag mt WHERE mt.member_id = m.id AND mt.tag_id = ?)'
      : 'FROM member m INNER JOIN member_tag mt ON mt.member_id = m.id AND mt.tag_id = ? WHERE 1 = 1';
  const first = `SELECT m.* ${from} ORDER BY m.created_at DESC, m.id DESC LIMIT ?`;
  const next = `SELECT m.* ${from} AND (m.created_at < ? OR (m.created_at = ? AND m.id < ?)) ORDER BY m.created_at DESC, m.id DESC LIMIT ?`;
  const count = `SELECT COUNT(*) AS total ${from}`;
  const samples: number[] = [];
  const pageSamples: number[] = [];
  const countSamples: number[] = [];
  let firstWalk: number[] | null = null;
  let total: number | null = null;
  const deadline = Date.now() + CASE_SECONDS * 1000;
  while (samples.length < requests && (Date.now() < deadline || !firstWalk)) {
    let after: { createdAt: string; id: number } | null = null;
    const walk: number[] = [];
    for (let page = 0; page < env.pages && samples.length < requests && (Date.now() < deadline || !firstWalk); page++) {
      const t0 = performance.now();
      const cur: { createdAt: string; id: number } | null = after;
      const pageQ = (async (): Promise<RowDataPacket[]> => {
        const [rows] = cur
          ? await pool.query<RowDataPacket[]>(next, [tag.id, cur.createdAt, cur.createdAt, cur.id, env.limit + 1])
          : await pool.query<RowDataPacket[]>(first, [tag.id, env.limit + 1]);
        pageSamples.push(performance.now() - t0);
        return rows;
      })();
      const countQ = (async (): Promise<number> => {
        const [rows] = await pool.query<RowDataPacket[]>(count, [tag.id]);
        countSamples.push(performance.now() - t0);
        return Number(rows[0].total);
      })();
      const [rows, n] = await Promise.all([pageQ, countQ]);
      samples.push(performance.now() - t0);
      total ??= n;
      const items: RowDataPacket[] = rows.slice(0, env.limit);
      walk.push(...items.map((r: RowDataPacket) => Number(r.id)));
      const last = items[items.length - 1];
      if (rows.length <= env.limit || !last) break;
      after = { createdAt: String(last.created_at), id: Number(last.id) };
    }
    firstWalk ??= walk;
  }
  return { samples, pageSamples, countSamples, firstWalk: firstWalk ?? [], total };
}

async function explain(pool: Pool, tag: TagCase): Promise<string[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'EXPLAIN SELECT m.* FROM member m WHERE EXISTS (SELECT 1 FROM member_tag mt WHERE mt.member_id = m.id AND mt.tag_id = ?) ORDER BY m.created_at DESC, m.id DESC LIMIT 51',
    [tag.id],
  );
  return rows.map((r) => `    ${r.select_type} ${r.table} type=${r.type} key=${r.key} rows=${r.rows} ${r.Extra ?? ''}`.trimEnd());
}

/** Where the API's pages and the SQL's pages part ways (rows skipped or repeated at page edges). */
function compareWalks(api: number[], sql: number[]): string {
  const n = Math.min(api.length, sql.length);
  for (let i = 0; i < n; i++) {
    if (api[i] !== sql[i]) {
      const apiSet = new Set(api);
      const missing = sql.filter((id) => !apiSet.has(id)).length;
      return `DIFFER at row ${i} (page ${Math.floor(i / 50) + 1}): API id ${api[i]}, SQL id ${sql[i]}; ${missing} of the SQL's ${sql.length} rows never appear in the API's pages`;
    }
  }
  return api.length === sql.length ? `same ${n} ids in the same order` : `same order; API ${api.length} rows, SQL ${sql.length} rows`;
}

// ---------------------------------------------------------------------------------------------

async function memberCount(pool: Pool): Promise<number> {
  try {
    const [rows] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM member');
    return Number(rows[0].n);
  } catch {
    return 0; // no schema yet
  }
}

async function tagCases(pool: Pool): Promise<TagCase[]> {
  const out: TagCase[] = [];
  for (const [label, name] of [
    ['VIP (selective)', VIP_TAG],
    ['broad (less selective)', BROAD_TAG],
  ] as const) {
    const [rows] = await pool.query<RowDataPacket[]>('SELECT t.id, (SELECT COUNT(*) FROM member_tag mt WHERE mt.tag_id = t.id) AS n FROM tag t WHERE t.name = ?', [name]);
    if (!rows.length) throw new Error(`tag "${name}" is missing: reseed with npm run bench:seed -w server`);
    out.push({ label, name, id: Number(rows[0].id), members: Number(rows[0].n) });
  }
  return out;
}

async function main() {
  const env = benchEnv();
  let pool = openPool(env, 2);
  let members = await memberCount(pool);
  if (members < env.members) {
    console.log(`members: the bench database holds ${members} members (< BENCH_MEMBERS=${env.members}); seeding first`);
    await pool.end();
    await seed(env);
    pool = openPool(env, 2);
    members = await memberCount(pool);
  }
  const tags = await tagCases(pool);
  console.log(`members: ${members} members; ${tags.map((t) => `${t.name} (id ${t.id}) on ${t.members}`).join(', ')}`);
  console.log(`members: ${env.requests} requests per tag and series (or ${CASE_SECONDS} s, BENCH_CASE_SECONDS), walks of ${env.pages} pages of ${env.limit}, one at a time`);

  const server = await startServer(env);
  const results: { tag: TagCase; api: PageRun; sql: SqlRun; join: SqlRun }[] = [];
  try {
    const token = await login(server.base);
    for (const tag of tags) {
      // Warm-up walk, untimed: JIT, connection pools, buffer pool pages.
      await apiRun(server.base, token, tag, env, env.pages);
      await sqlRun(pool, tag, env, env.pages, 'exists');
      const api = await apiRun(server.base, token, tag, env, env.requests);
      console.log(`  ${tag.name}: ${statsLine('API', stats(api.samples))}`);
      const sql = await sqlRun(pool, tag, env, env.requests, 'exists');
      console.log(`  ${tag.name}: ${statsLine('SQL (EXISTS)', stats(sql.samples))}`);
      const join = await sqlRun(pool, tag, env, env.requests, 'join');
      console.log(`  ${tag.name}: ${statsLine('SQL (JOIN)', stats(join.samples))}`);
      results.push({ tag, api, sql, join });
    }
  } finally {
    await stopServer(server.child);
  }

  for (const { tag, api, sql, join } of results) {
    console.log(`\n${tag.label}: tag "${tag.name}" id ${tag.id}, ${tag.members} members`);
    console.log('  ' + statsLine('API  GET /api/members', stats(api.samples)));
    console.log('  ' + statsLine('SQL  page+count (EXISTS, as the server)', stats(sql.samples)));
    console.log('  ' + statsLine('SQL    page only', stats(sql.pageSamples)));
    console.log('  ' + statsLine('SQL    count only', stats(sql.countSamples)));
    console.log('  ' + statsLine('SQL  page+count (JOIN)', stats(join.samples)));
    console.log(`  total: API ${api.total}, SQL ${sql.total}${api.total === sql.total ? '' : '  <-- MISMATCH'}`);
    console.log(`  first ${env.pages}-page walk, API vs SQL: ${compareWalks(api.firstWalk, sql.firstWalk)}`);
    console.log('  EXPLAIN first page (server shape):');
    for (const line of await explain(pool, tag)) console.log(line);
  }
  await pool.end();

  const all = (pick: (r: (typeof results)[number]) => number[]): Stats => stats(results.flatMap(pick));
  const apiAll = all((r) => r.api.samples);
  const sqlAll = all((r) => r.sql.samples);
  console.log(`\nall tags: API p50=${fmt(apiAll.p50)}ms p95=${fmt(apiAll.p95)}ms; SQL p50=${fmt(sqlAll.p50)}ms p95=${fmt(sqlAll.p95)}ms`);
  console.log(`goal: API p95 < ${GOAL_P95_MS} ms: ${apiAll.p95 < GOAL_P95_MS ? 'met' : 'NOT met'} (reported, not asserted)`);
  console.log(`members p95_ms=${apiAll.p95.toFixed(1)} sql_p95_ms=${sqlAll.p95.toFixed(1)}`);
}

main().catch((e) => {
  console.error(`members bench failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
