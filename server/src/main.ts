import 'reflect-metadata';
import { ConfigError, loadConfig } from './platform/config/config';
import { createApp } from './create-app';
import { StartupService } from './startup.service';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nSee the configuration reference in README.md.\n`);
      process.exit(1);
    }
    throw e;
  }
  const app = await createApp(config);
  if (config.runsApi) {
    await app.listen(config.port, config.host);
    printBanner(config, app.get(StartupService));
  } else {
    await app.init();
    process.stdout.write(`worker started (ROLE=${config.role}); consuming jobs from Redis\n`);
  }
}

function printBanner(config: ReturnType<typeof loadConfig>, startup: StartupService) {
  const base = config.publicUrl;
  const lines = [
    '',
    'WeChat SCRM is running',
    `  Admin        ${base}/admin`,
    `  Member H5    ${base}/h5`,
    `  API docs     ${base}/api/docs`,
    `  Health       ${base}/api/health`,
    `  Database     ${config.db.kind === 'mysql' ? 'MySQL' : `SQLite ${config.db.file}`}; jobs ${config.redisUrl ? 'BullMQ on Redis' : 'inline'}; WeChat ${config.wechat.mode}`,
  ];
  if (startup.owner?.generatedPassword) {
    lines.push('', `  Log in as "${startup.owner.username}" with password: ${startup.owner.generatedPassword}`, '  (shown once; it is not stored anywhere in clear text)');
  } else if (startup.owner) {
    lines.push('', `  Log in as "${startup.owner.username}" with ADMIN_PASSWORD.`);
  } else {
    lines.push('', '  Log in with your existing account (the first-boot password was printed on the first start).');
  }
  if (startup.demo) {
    lines.push('', `  Demo brand loaded: ${startup.demo.members} members. Staff logins (shown once):`);
    for (const s of startup.demo.staff) lines.push(`    ${s.username.padEnd(12)} ${s.password}  (${s.role})`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

main().catch((e) => {
  process.stderr.write(`failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
