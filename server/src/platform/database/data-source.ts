import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config';
import { ENTITIES } from './entities';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { SnakeNamingStrategy } from './naming.strategy';

export type DbTarget = AppConfig['db'];

/**
 * MySQL and MariaDB differ in how they report column defaults; TypeORM needs to know which one it
 * talks to or it sees schema drift that is not there. The URL says mysql:// for both, so we ask.
 */
export async function detectMysqlFlavor(url: string): Promise<'mysql' | 'mariadb'> {
  const conn = await createConnection(url);
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return /mariadb/i.test(String((rows as { v: string }[])[0]?.v)) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}

export async function dataSourceOptions(db: DbTarget): Promise<DataSourceOptions> {
  const common = {
    entities: ENTITIES,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    logging: false,
  };
  if (db.kind === 'mysql') {
    return {
      ...common,
      type: await detectMysqlFlavor(db.url),
      url: db.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      extra: { connectionLimit: 20 },
      migrations: MYSQL_MIGRATIONS,
    };
  }
  mkdirSync(dirname(db.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.file,
    enableWAL: true,
    timeout: 10000,
    prepareDatabase: (raw: { pragma(s: string): unknown }) => {
      raw.pragma('foreign_keys = ON');
      raw.pragma('synchronous = NORMAL');
    },
    migrations: SQLITE_MIGRATIONS,
  };
}

/** Opens the database and brings its schema up to date (MySQL and SQLite alike go through migrations). */
export async function openDatabase(db: DbTarget): Promise<DataSource> {
  const ds = new DataSource(await dataSourceOptions(db));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

export function isMysql(ds: DataSource): boolean {
  return ds.options.type === 'mysql' || ds.options.type === 'mariadb';
}
