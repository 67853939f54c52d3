/**
 * The built server (dist/main.js) as a child process of a benchmark, so the load generator never
 * shares the server's event loop.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_DIR, builtServerFile } from './lib';

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** where the server's stdout and stderr go */
  log: string;
  stop(): Promise<void>;
  tail(lines?: number): string;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node [nodeArgs] dist/main.js` with `env` on top of this process's environment (PORT and
 * HOST are set here) and waits until GET /api/health answers 200.
 */
export async function startServer(env: Record<string, string>, port: number, nodeArgs: string[] = []): Promise<ServerProcess> {
  const main = builtServerFile('dist/main.js');
  if (!main) throw new Error('server/dist/main.js is missing: build the server first (npm run build -w server)');
  const dataDir = mkdtempSync(join(tmpdir(), 'scrm-bench-'));
  const log = join(dataDir, 'server.log');
  const out = createWriteStream(log);
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: SERVER_DIR,
    env: { ...process.env, DATA_DIR: dataDir, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const tail = (lines = 40) => {
    try {
      return readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await done;
    clearTimeout(timer);
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited (code ${exited}) before it answered; its log:\n${tail()}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer ${base}/api/health within 120 s; its log:\n${tail()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, base, log, stop, tail };
}
