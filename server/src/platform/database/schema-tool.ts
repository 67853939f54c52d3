/**
 * Schema tooling, run through npm scripts of the server workspace:
 *   migrate            apply pending migrations to DB_URL (or the embedded SQLite file)
 *   generate <Name>    write a MySQL and a SQLite migration for what the entities changed
 *   dump               regenerate sql/schema.sql from the MySQL migrations
 *   check              fail when migrations lag behind the entities or sql/schema.sql is stale
 * generate/dump/check use a scratch MySQL database (SCHEMA_DB_URL, default
 * mysql://root@127.0.0.1:3306/scrm_schema_scratch) that they drop and recreate.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { DbTarget, dataSourceOptions, openDatabase } from './data-source';
import { createDatabase } from './mysql-admin';

const SERVER_SRC = resolve(__dirname, '..', '..', '..', 'src');
const SCHEMA_FILE = resolve(__dirname, '..', '..', '..', '..', 'sql', 'schema.sql');
const SCRATCH_URL = process.env.SCHEMA_DB_URL || 'mysql://root@127.0.0.1:3306/scrm_schema_scratch';

async function scratch(kind: 'mysql' | 'sqlite'): Promise<DataSource> {
  let target: DbTarget;
  if (kind === 'mysql') {
    await createDatabase(SCRATCH_URL, { dropFirst: true });
    target = { kind: 'mysql', url: SCRATCH_URL };
  } else {
    target = { kind: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'schema-')), 'scratch.sqlite') };
  }
  return openDatabase(target);
}

async function pendingChanges(ds: DataSource) {
  return ds.driver.createSchemaBuilder().log();
}

async function generate(name: string) {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('Name the migration in PascalCase, e.g. AddCoupons');
  const stamp = Date.now();
  for (const kind of ['mysql', 'sqlite'] as const) {
    const ds = await scratch(kind);
    const sql = await pendingChanges(ds);
    await ds.destroy();
    if (sql.upQueries.length === 0) {
      console.log(`${kind}: entities and migrations agree; nothing to generate`);
      continue;
    }
    const className = `${name}${stamp}`;
    const q = (list: { query: string; parameters?: unknown[] }[]) =>
      list
        .map((x) => `    await queryRunner.query(${JSON.stringify(x.query)}${x.parameters?.length ? `, ${JSON.stringify(x.parameters)}` : ''});`)
        .join('\n');
    const file = join(SERVER_SRC, 'platform', 'database', 'migrations', kind, `${stamp}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
        `export class ${className} implements MigrationInterface {\n  name = '${className}';\n\n` +
        `  public async up(queryRunner: QueryRunner): Promise<void> {\n${q(sql.upQueries)}\n  }\n\n` +
        `  public async down(queryRunner: QueryRunner): Promise<void> {\n${q([...sql.downQueries].reverse())}\n  }\n}\n`,
    );
    const indexFile = join(SERVER_SRC, 'platform', 'database', 'migrations', kind, 'index.ts');
    const index = readFileSync(indexFile, 'utf8');
    const constName = kind === 'mysql' ? 'MYSQL_MIGRATIONS' : 'SQLITE_MIGRATIONS';
    const importLine = `import { ${className} } from './${stamp}-${name}';\n`;
    const updated = index
      .replace(/^(\/\/[^\n]*\n)/, `$1${importLine}`)
      .replace(new RegExp(`${constName}: Function\\[\\] = \\[([^\\]]*)\\]`), (_m, list: string) => {
        const items = list.split(',').map((s) => s.trim()).filter(Boolean).concat(className);
        return `${constName}: Function[] = [${items.join(', ')}]`;
      });
    writeFileSync(indexFile, updated);
    console.log(`${kind}: wrote ${file}`);
  }
}

async function mysqlSchema(): Promise<string> {
  const ds = await scratch('mysql');
  try {
    const tables: { name: string }[] = await ds.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> 'migrations' ORDER BY table_name`,
    );
    const parts = ['-- Generated from the migrations by `npm run schema:dump -w server`. Do not edit by hand.', ''];
    for (const t of tables) {
      const [row] = await ds.query(`SHOW CREATE TABLE \`${t.name}\``);
      parts.push(`${String(row['Create Table']).replace(/ AUTO_INCREMENT=\d+/, '')};`, '');
    }
    return parts.join('\n');
  } finally {
    await ds.destroy();
  }
}

async function check() {
  const problems: string[] = [];
  for (const kind of ['mysql', 'sqlite'] as const) {
    const ds = await scratch(kind);
    const sql = await pendingChanges(ds);
    await ds.destroy();
    if (sql.upQueries.length) {
      problems.push(`${kind} migrations lag behind the entities:\n${sql.upQueries.map((q) => '    ' + q.query).join('\n')}`);
    }
  }
  const current = readFileSync(SCHEMA_FILE, 'utf8');
  if (current !== (await mysqlSchema())) problems.push('sql/schema.sql is stale: run `npm run schema:dump -w server`');
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log('schema check: migrations match the entities and sql/schema.sql is current');
}

async function main() {
  const [cmd, arg] = process.argv.slice(2);
  switch (cmd) {
    case 'migrate': {
      const config = loadConfig();
      if (config.db.kind === 'mysql') await createDatabase(config.db.url, { dropFirst: false });
      const ds = new DataSource(await dataSourceOptions(config.db));
      await ds.initialize();
      const ran = await ds.runMigrations({ transaction: 'each' });
      console.log(ran.length ? `applied: ${ran.map((m) => m.name).join(', ')}` : 'schema is up to date');
      await ds.destroy();
      break;
    }
    case 'generate':
      await generate(arg ?? '');
      break;
    case 'dump':
      writeFileSync(SCHEMA_FILE, await mysqlSchema());
      console.log(`wrote ${SCHEMA_FILE}`);
      break;
    case 'check':
      await check();
      break;
    default:
      console.error('usage: schema-tool migrate | generate <Name> | dump | check');
      process.exit(2);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
