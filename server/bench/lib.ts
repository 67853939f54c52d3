/**
 * Shared helpers of the benchmarks. Self-contained on purpose: nothing is imported from src/, so
 * `tsc -p tsconfig.bench.json` compiles bench/ alone and the bench cannot drift into the app.
 */
import { createCipheriv, createHmac, hkdfSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** …/server (compiled files live in server/dist-bench/bench/). */
export const SERVER_DIR = resolve(__dirname, '..', '..');

export interface BenchEnv {
  dbUrl: string;
  dbName: string;
  members: number;
  batch: number;
  seed: number;
  secretKey: string;
  port: number;
  requests: number;
  pages: number;
  limit: number;
  now: Date;
}

/** A fixed key, so phones sealed by the seed can be read by the server the members bench starts. */
const DEFAULT_SECRET_KEY = 'b3c1e0d2a4f5968778695a4b3c2d1e0f00112233445566778899aabbccddeeff';

export function intEnv(name: string, def: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return def;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min} (got "${raw}")`);
  return n;
}

export function benchEnv(): BenchEnv {
  const dbUrl = process.env.BENCH_DB_URL || 'mysql://root@127.0.0.1:3306/scrm_bench';
  if (!/^mysql:\/\/[^/]+\/[A-Za-z0-9_]+$/.test(dbUrl)) {
    throw new Error(`BENCH_DB_URL must look like mysql://user:password@host:3306/database (got "${dbUrl}")`);
  }
  const dbName = new URL(dbUrl).pathname.slice(1);
  // The seed empties the member tables: never point it at a real database by accident.
  if (!/bench/i.test(dbName) && process.env.BENCH_ALLOW_ANY_DB !== '1') {
    throw new Error(`BENCH_DB_URL names database "${dbName}"; the seed truncates tables, so its name must contain "bench" (or set BENCH_ALLOW_ANY_DB=1)`);
  }
  const secretKey = process.env.BENCH_APP_SECRET_KEY || DEFAULT_SECRET_KEY;
  if (secretKey.length < 32) throw new Error('BENCH_APP_SECRET_KEY must be at least 32 characters');
  const now = new Date(process.env.BENCH_NOW || '2026-11-23T00:00:00Z');
  if (Number.isNaN(now.getTime())) throw new Error('BENCH_NOW must be an ISO date');
  return {
    dbUrl,
    dbName,
    members: intEnv('BENCH_MEMBERS', 1_000_000),
    batch: intEnv('BENCH_BATCH', 5000),
    seed: intEnv('BENCH_SEED', 20261123, 0),
    secretKey,
    port: intEnv('BENCH_PORT', 3199),
    requests: intEnv('BENCH_REQUESTS', 200),
    pages: intEnv('BENCH_PAGES', 20),
    limit: intEnv('BENCH_LIMIT', 50),
    now,
  };
}

/** Creates the database if it is missing (the server's schema tool does the same before migrating). */
export async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/';
  const conn = await createConnection(u.toString());
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export function builtServerFile(rel: string): string | null {
  const file = resolve(SERVER_DIR, rel);
  return existsSync(file) ? file : null;
}

/** mulberry32: small, fast and good enough to make the same data on every run. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
  /** n characters of [A-Za-z0-9_-], like WeChat openids after their prefix. */
  token(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += TOKEN_CHARS[Math.floor(this.next() * 64)];
    return out;
  }
}
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Picks from weighted choices in O(log n). */
export class Weighted<T> {
  private readonly cum: number[] = [];
  private readonly items: T[] = [];
  private readonly total: number;
  constructor(entries: readonly (readonly [T, number])[]) {
    let acc = 0;
    for (const [item, w] of entries) {
      acc += w;
      this.items.push(item);
      this.cum.push(acc);
    }
    this.total = acc;
  }
  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/**
 * The server's at-rest format for phones (src/platform/crypto/secret-box.ts, copied so the bench
 * stays independent of src/): AES-256-GCM `v1.<iv>.<tag>.<data>` and an HMAC-SHA256 lookup hash,
 * each with a key derived from APP_SECRET_KEY. The IV comes from the seeded PRNG so runs repeat.
 */
export class PhoneSealer {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;
  constructor(masterKey: string) {
    this.encKey = derive(masterKey, 'scrm:encrypt');
    this.hashKey = derive(masterKey, 'scrm:lookup-hash');
  }
  seal(plain: string, iv: Buffer): string {
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }
  lookupHash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value).digest('hex');
  }
}
function derive(master: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(master, 'utf8'), Buffer.alloc(0), info, 32));
}

/** 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC (DATETIME(6) text; microseconds from `micros`). */
export function dbTime(ms: number, micros = 0): string {
  const iso = new Date(ms).toISOString(); // 2026-01-02T03:04:05.678Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${String(micros).padStart(3, '0')}`;
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC (whole-second DATETIME). */
export function dbTimeSec(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] ?? NaN, mean };
}

export function fmt(ms: number): string {
  return Number.isFinite(ms) ? ms.toFixed(1) : 'n/a';
}

export function statsLine(label: string, st: Stats): string {
  return `${label}: n=${st.n} p50=${fmt(st.p50)}ms p95=${fmt(st.p95)}ms max=${fmt(st.max)}ms mean=${fmt(st.mean)}ms`;
}
