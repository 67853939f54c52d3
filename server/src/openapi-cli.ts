import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApi, createApp } from './create-app';
import { REPO_ROOT, loadConfig } from './platform/config/config';

/**
 * Writes server/openapi.json from the running code and regenerates the typed clients of both front
 * ends with openapi-typescript. `--check` only compares, and fails when any of them is stale.
 */
const TARGETS = {
  spec: join(REPO_ROOT, 'server', 'openapi.json'),
  admin: join(REPO_ROOT, 'admin-web', 'src', 'api', 'schema.d.ts'),
  miniprogram: join(REPO_ROOT, 'miniprogram', 'src', 'api', 'schema.d.ts'),
};

async function main() {
  const check = process.argv.includes('--check');
  const dataDir = mkdtempSync(join(tmpdir(), 'scrm-openapi-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'off', LOG_LEVEL: 'silent', WECHAT_MODE: 'sandbox', APP_SECRET_KEY: 'openapi-generation-only-key-000000000000' });
  const app = await createApp(config, { logs: false });
  await app.init();
  const spec = JSON.stringify(sortKeys(buildOpenApi(app)), null, 2) + '\n';
  await app.close();

  const specFile = join(dataDir, 'openapi.json');
  writeFileSync(specFile, spec);
  const client = join(dataDir, 'schema.d.ts');
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), specFile, '-o', client, '--root-types', '--alphabetize'], { stdio: 'pipe' });
  const header = '/**\n * Generated from server/openapi.json by `npm run openapi -w server` (openapi-typescript). Do not edit.\n */\n\n';
  const types = header + readFileSync(client, 'utf8');
  rmSync(dataDir, { recursive: true, force: true });

  const wanted: [string, string][] = [[TARGETS.spec, spec], [TARGETS.admin, types], [TARGETS.miniprogram, types]];
  const stale = wanted.filter(([file, content]) => read(file) !== content).map(([file]) => file.replace(REPO_ROOT + '/', ''));
  if (check) {
    if (stale.length) {
      process.stderr.write(`OpenAPI artifacts are stale: ${stale.join(', ')}\nRun: npm run openapi -w server\n`);
      process.exit(1);
    }
    process.stdout.write('OpenAPI spec and generated client types are current\n');
    return;
  }
  for (const [file, content] of wanted) writeFileSync(file, content);
  process.stdout.write(stale.length ? `updated: ${stale.join(', ')}\n` : 'already current\n');
}

function read(file: string) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
