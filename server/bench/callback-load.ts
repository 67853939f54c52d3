/**
 * The timed phases of the callback bench: autocannon against the bare route or the OA callback,
 * one prepared push per request, and the retry of pushes left unanswered when a phase ends.
 */
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { PushPool } from './oa-push';
import { ServerProcess } from './server-process';

/** The trivial route of the app: public, no database, returns two configuration values. */
export const BARE_PATH = '/api/mp/config';

export interface Phase {
  label: string;
  result: autocannon.Result;
  /** request → response times measured here, in ms, every status */
  latencies: number[];
  /** responses whose body was not "success" (callback phases) */
  otherBodies: number;
  pool?: PushPool;
  resent?: { count: number; statuses: Record<string, number> };
}

export interface Fire {
  label: string;
  server: ServerProcess;
  seconds: number;
  connections: number;
  overallRate?: number;
}

/** Max-throughput (or fixed-rate) GETs of the bare route. */
export async function fireBare(f: Fire): Promise<Phase> {
  const latencies: number[] = [];
  const result = await autocannon({
    url: `${f.server.base}${BARE_PATH}`,
    connections: f.connections,
    duration: f.seconds,
    overallRate: f.overallRate,
    requests: [
      {
        method: 'GET',
        setupRequest: (req, ctx) => {
          (ctx as Ctx).t0 = performance.now();
          return req;
        },
        onResponse: (_status, _body, ctx) => latencies.push(performance.now() - (ctx as Ctx).t0!),
      },
    ],
  });
  return { label: f.label, result, latencies, otherBodies: 0 };
}

interface Ctx {
  t0?: number;
  position?: number;
}

/** POSTs the pool's pushes, one per request, in order. */
export async function firePushes(f: Fire, pool: PushPool): Promise<Phase> {
  const latencies: number[] = [];
  let otherBodies = 0;
  const result = await autocannon({
    url: f.server.base,
    connections: f.connections,
    duration: f.seconds,
    overallRate: f.overallRate,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        setupRequest: (req, ctx) => {
          const position = pool.take();
          const push = pool.items[position];
          Object.assign(ctx, { position, t0: performance.now() });
          return { ...req, path: push.path, body: push.body };
        },
        onResponse: (status, body, ctx) => {
          const c = ctx as Ctx;
          latencies.push(performance.now() - c.t0!);
          pool.answer(c.position!, status);
          if (body !== 'success') otherBodies++;
        },
      },
    ],
  });
  const resent = await resendUnanswered(f.server, pool);
  return { label: f.label, result, latencies, otherBodies, pool, resent };
}

/**
 * Pushes still in flight when autocannon stopped (or that timed out) may or may not have been
 * stored. WeChat retries a push it got no answer to; so does the bench, after the timed phase, so
 * that every push sent has an answer and the row count can be checked exactly.
 */
async function resendUnanswered(server: ServerProcess, pool: PushPool): Promise<{ count: number; statuses: Record<string, number> }> {
  const statuses: Record<string, number> = {};
  const positions = pool.unanswered();
  for (const position of positions) {
    const push = pool.items[position];
    const res = await fetch(`${server.base}${push.path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: push.body });
    const text = await res.text();
    const key = text === 'success' || !res.ok ? String(res.status) : `${res.status} "${text.slice(0, 40)}"`;
    statuses[key] = (statuses[key] ?? 0) + 1;
    pool.answer(position, res.status);
  }
  return { count: positions.length, statuses };
}
