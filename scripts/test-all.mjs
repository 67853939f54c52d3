// `npm test`: every check and test, in the order CI runs them. Needs MariaDB/MySQL on
// TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306) and Redis on TEST_REDIS_URL
// (default redis://127.0.0.1:6379) — see DEVELOPERS.md; Chromium at /usr/bin/chromium for browser tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort, run, startServer } from './lib.mjs';

const started = Date.now();
const step = async (name, fn) => {
  const t = Date.now();
  console.log(`\n=== ${name}`);
  await fn();
  console.log(`=== ${name}: ok (${Math.round((Date.now() - t) / 1000)} s)`);
};
const npm = (...args) => run('npm', args);

await step('typecheck and lint', async () => {
  await npm('run', 'typecheck', '--silent', '-w', 'server');
  await npm('run', 'lint', '--silent', '-w', 'server');
  await npm('run', 'typecheck', '--silent', '-w', 'admin-web');
  await npm('run', 'lint', '--silent', '-w', 'admin-web');
  await npm('run', 'typecheck', '--silent', '-w', 'miniprogram');
  await npm('run', 'lint', '--silent', '-w', 'miniprogram');
});
await step('OpenAPI spec and generated clients are current', () => npm('run', 'openapi:check', '--silent', '-w', 'server'));
await step('sql/schema.sql matches the migrations', () => npm('run', 'schema:check', '--silent', '-w', 'server'));
await step('front-end unit tests', async () => {
  await npm('test', '--silent', '-w', 'admin-web');
  await npm('test', '--silent', '-w', 'miniprogram');
});
await step('server unit and e2e tests (MariaDB, Redis, sandbox WeChat over HTTP)', () => npm('test', '--silent', '-w', 'server'));
await step('build server, admin web and mini-program (H5 and weapp)', async () => {
  await npm('run', 'build', '--silent', '-w', 'server');
  await npm('run', 'build', '--silent', '-w', 'admin-web');
  await npm('run', 'build:h5', '--silent', '-w', 'miniprogram');
  await npm('run', 'build:weapp', '--silent', '-w', 'miniprogram');
});
await step('embedded-mode smoke test', () => run(process.execPath, ['scripts/smoke-embedded.mjs']));
await step('browser tests (Chromium): admin web and mini-program H5', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scrm-browser-'));
  const port = await freePort();
  const creds = { E2E_ADMIN_USERNAME: 'e2e-owner', E2E_ADMIN_PASSWORD: `E2e#${randomBytes(9).toString('base64url')}` };
  const server = await startServer({
    PORT: String(port),
    DATA_DIR: dataDir,
    DB_URL: '',
    REDIS_URL: '',
    DEMO_DATA: 'on',
    ADMIN_USERNAME: creds.E2E_ADMIN_USERNAME,
    ADMIN_PASSWORD: creds.E2E_ADMIN_PASSWORD,
  });
  try {
    const env = { BASE_URL: server.url, ...creds, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
    await run('npm', ['run', 'test:e2e', '--silent', '-w', 'admin-web'], { env });
    await run('npm', ['run', 'test:e2e', '--silent', '-w', 'miniprogram'], { env });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
console.log(`\nall tests passed in ${Math.round((Date.now() - started) / 1000)} s`);
