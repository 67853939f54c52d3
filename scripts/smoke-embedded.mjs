// Embedded-mode smoke test: the built product on a fresh, empty data directory with nothing else
// configured (no DB_URL, no REDIS_URL, no admin credentials), exactly as `npm start` runs it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, freePort, startServer } from './lib.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'scrm-smoke-'));
const port = await freePort();
const env = { PORT: String(port), DATA_DIR: dataDir, DB_URL: '', REDIS_URL: '', ADMIN_USERNAME: '', ADMIN_PASSWORD: '', DEMO_DATA: '', APP_SECRET_KEY: '' };
const server = await startServer(env);
const get = (path, token) => fetch(server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
try {
  const banner = server.output();
  for (const path of ['/admin', '/h5', '/api/docs']) assert.match(banner, new RegExp(`http://localhost:${port}${path}`), `banner shows ${path}`);
  const m = /Log in as "admin" with password: (\S+)/.exec(banner);
  assert.ok(m, `banner prints the generated owner password:\n${banner}`);

  const health = await (await get('/api/health')).json();
  assert.equal(health.status, 'ok');
  assert.equal(health.checks.database.detail, 'sqlite (embedded)');
  assert.equal(health.checks.queue.detail, 'inline');

  const login = await fetch(server.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: m[1] }) });
  assert.equal(login.status, 200);
  const { accessToken } = await login.json();
  const members = await (await get('/api/members?limit=5', accessToken)).json();
  assert.equal(members.total, 300, 'the demo brand has 300 members');
  const stores = await (await get('/api/stores', accessToken)).json();
  assert.deepEqual(stores.map((s) => s.code), ['SH01', 'BJ01']);

  for (const path of ['/admin/', '/admin/members', '/h5/']) {
    const res = await get(path);
    assert.equal(res.status, 200, `${path} is served`);
    assert.match(await res.text(), /<div id="app"|<html/i, `${path} is the built front end`);
  }
  assert.equal((await get('/api/docs')).status, 200);

  // The sandbox CLI plays WeChat against this embedded server: an OA follow becomes a member.
  const oa = await fetch(server.url + '/api/channels', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ type: 'oa', name: 'smoke OA', appId: 'wx00000000000smoke', secret: 'smoke-secret-123', token: 'smoketoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }),
  });
  assert.equal(oa.status, 201);
  const cli = spawnSync(process.execPath, ['scripts/sandbox.mjs', 'oa', 'subscribe', '--openid', 'oSmokeFollower01', '--scene', 'store_1'], { cwd: ROOT, env: { ...process.env, SCRM_URL: server.url }, encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(JSON.parse(cli.stdout).body, 'success');
  let follower;
  for (let i = 0; i < 50 && !follower; i++) {
    const page = await (await get('/api/members?q=oSmokeFollower01', accessToken)).json();
    follower = page.items[0];
    if (!follower) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(follower, 'the follower became a member');
  const timeline = await (await get(`/api/members/${follower.id}/events`, accessToken)).json();
  assert.equal(timeline.items[0].type, 'oa.subscribe');
  const mp = spawnSync(process.execPath, ['scripts/sandbox.mjs', 'mp', 'login', '--openid', 'oSmokeMpUser01'], { cwd: ROOT, env: { ...process.env, SCRM_URL: server.url }, encoding: 'utf8' });
  assert.equal(mp.status, 0, mp.stderr);
  assert.ok(JSON.parse(mp.stdout).member.memberCode.startsWith('M1.'));
  assert.equal((await get('/api/openapi.json')).status, 200);

  // A second boot on the same data keeps the data and prints no new password.
  await server.stop();
  const again = await startServer({ ...env, LOG_LEVEL: 'info' });
  try {
    assert.doesNotMatch(again.output(), /with password:/);
    // structured JSON logs carry the request id the response echoes
    const res = await fetch(again.url + '/api/stores', { headers: { 'x-request-id': 'smoke-req-1' } });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('x-request-id'), 'smoke-req-1');
    await new Promise((r) => setTimeout(r, 300));
    const line = again.output().split('\n').find((l) => l.includes('smoke-req-1'));
    assert.ok(line, 'the request is logged with its id');
    assert.equal(JSON.parse(line).req.id, 'smoke-req-1');
    const relogin = await fetch(again.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: m[1] }) });
    assert.equal(relogin.status, 200);
  } finally {
    await again.stop();
  }
  // a wrong setting stops the boot with a message naming it
  const bad = spawnSync(process.execPath, ['server/dist/main.js'], { cwd: ROOT, env: { ...process.env, PORT: 'abc', DATA_DIR: dataDir }, encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /PORT/);
  console.log('embedded smoke test passed');
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
