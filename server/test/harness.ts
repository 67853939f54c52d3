import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/create-app';
import { AppConfig, loadConfig } from '../src/platform/config/config';
import { createDatabase } from '../src/platform/database/mysql-admin';

/** MariaDB/MySQL server and Redis used by e2e tests (each test file gets its own fresh database). */
export const TEST_MYSQL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
export const TEST_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const OWNER = { username: 'owner', password: 'Owner#pass-1234' };

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  baseUrl: string;
  ds: DataSource;
  /** supertest against the real listening server */
  http: () => request.Agent;
  login(username?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** mysql (default) or the embedded SQLite */
  db?: 'mysql' | 'sqlite';
  /** use BullMQ on Redis instead of the inline queue */
  redis?: boolean;
  demo?: boolean;
  env?: Record<string, string>;
}

/** Boots the whole application on a fresh database and a random port, exactly as `npm start` would. */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dbName = `scrm_e2e_${id}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'scrm-e2e-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    APP_SECRET_KEY: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: OWNER.username,
    ADMIN_PASSWORD: OWNER.password,
    DEMO_DATA: opts.demo ? 'on' : 'off',
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `scrm_e2e_${id}`,
    ...opts.env,
  };
  if ((opts.db ?? 'mysql') === 'mysql') {
    env.DB_URL = `${TEST_MYSQL}/${dbName}`;
    await createDatabase(env.DB_URL, { dropFirst: true });
  }
  if (opts.redis) env.REDIS_URL = TEST_REDIS;
  const config = loadConfig(env);
  const app = await createApp(config, { logs: false });
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${addr.port}`;
  const ds = app.get(DataSource);
  return {
    app,
    config,
    baseUrl,
    ds,
    http: () => request.agent(baseUrl),
    async login(username = OWNER.username, password = OWNER.password) {
      const res = await request(baseUrl).post('/api/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      if (env.DB_URL) {
        const conn = await createConnection(TEST_MYSQL);
        await conn.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
        await conn.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string) {
  return { Authorization: `Bearer ${token}` };
}

/** Polls until fn returns a truthy value (for background jobs), failing after the timeout. */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
