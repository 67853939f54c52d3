import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../platform/config/config';
import { DemoSeedService } from './demo-seed.service';

/**
 * `npm run seed:demo -w server`: loads the demo brand into the database named by DB_URL (or the
 * embedded SQLite), the same data the embedded default loads on first boot. Refuses a database
 * that already has stores or members. DEMO_MEMBERS sets the member count (default 300).
 */
async function main() {
  let config;
  try {
    config = loadConfig({ ...process.env, DEMO_DATA: 'off', ROLE: 'api' });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(e.message + '\n');
      process.exit(1);
    }
    throw e;
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const count = Number(process.env.DEMO_MEMBERS ?? 300);
    const result = await app.get(DemoSeedService).seedIfEmpty(count);
    if (!result) {
      process.stderr.write('The database already has stores or members; the demo brand only loads into an empty one.\n');
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`Demo brand loaded: ${result.members} members. Staff logins:\n`);
    for (const s of result.staff) process.stdout.write(`  ${s.username.padEnd(12)} ${s.password}  (${s.role})\n`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
