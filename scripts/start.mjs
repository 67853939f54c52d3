// `npm start`: build the server, the admin and the mini-program H5, then run the product.
// With DB_URL / REDIS_URL unset it runs on the embedded default: SQLite under ./data, the inline
// job driver and the sandbox WeChat. Extra arguments: --no-build to skip the builds.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, run } from './lib.mjs';

const skipBuild = process.argv.includes('--no-build');
if (!skipBuild) {
  console.log('Building server, admin web and mini-program H5 (about a minute on 2 cores)…');
  await run('npm', ['run', 'build', '--silent', '-w', 'server']);
  await run('npm', ['run', 'build', '--silent', '-w', 'admin-web']);
  await run('npm', ['run', 'build:h5', '--silent', '-w', 'miniprogram']);
}

const child = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { LOG_LEVEL: 'warn', ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
