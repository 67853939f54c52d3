import { createConnection } from 'mysql2/promise';

/** Creates the database named in a mysql:// URL (optionally dropping it first); migrations need it to exist. */
export async function createDatabase(url: string, opts: { dropFirst: boolean }): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name "${name}" may only hold letters, digits and _`);
  u.pathname = '/';
  const conn = await createConnection(u.toString());
  try {
    if (opts.dropFirst) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}
