import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { TooManyRequestsError } from '../platform/errors/app-error';
import { REDIS, RedisHandle } from '../platform/redis';

const WINDOW_SECONDS = 60;
/** A store's staff often share one public address, so an address gets several users' worth of tries. */
const IP_FACTOR = 5;

/**
 * Counts failed logins per username and per client address in one-minute windows. Uses Redis when
 * configured, so every API process shares the count; in memory otherwise (one process).
 */
@Injectable()
export class LoginRateLimiter {
  private readonly local = new Map<string, { count: number; resetAt: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: RedisHandle,
  ) {}

  /** Throws 429 when this user or address has used up its failed attempts. */
  async assertAllowed(ip: string, username: string): Promise<void> {
    const perUser = this.config.loginRateLimitPerMinute;
    for (const [key, limit] of this.keys(ip, username, perUser)) {
      const { count, ttl } = await this.read(key);
      if (count >= limit) throw new TooManyRequestsError(`too many failed logins; try again in ${ttl} s`, ttl);
    }
  }

  async recordFailure(ip: string, username: string): Promise<void> {
    for (const [key] of this.keys(ip, username, this.config.loginRateLimitPerMinute)) await this.increment(key);
  }

  private keys(ip: string, username: string, perUser: number): [string, number][] {
    return [
      [`user:${username.toLowerCase()}`, perUser],
      [`ip:${ip}`, perUser * IP_FACTOR],
    ];
  }

  private async read(key: string): Promise<{ count: number; ttl: number }> {
    const client = this.redis.client;
    if (client) {
      const k = this.redisKey(key);
      const [[, count], [, ttl]] = (await client.multi().get(k).ttl(k).exec()) as [[null, string | null], [null, number]];
      return { count: Number(count ?? 0), ttl: ttl > 0 ? ttl : WINDOW_SECONDS };
    }
    const e = this.local.get(key);
    const now = Date.now();
    return e && e.resetAt > now ? { count: e.count, ttl: Math.ceil((e.resetAt - now) / 1000) } : { count: 0, ttl: WINDOW_SECONDS };
  }

  private async increment(key: string): Promise<void> {
    const client = this.redis.client;
    if (client) {
      const k = this.redisKey(key);
      const [[, count]] = (await client.multi().incr(k).ttl(k).exec()) as [[null, number], [null, number]];
      if (count === 1) await client.expire(k, WINDOW_SECONDS);
      return;
    }
    const now = Date.now();
    if (this.local.size > 10000) for (const [k, v] of this.local) if (v.resetAt <= now) this.local.delete(k);
    const e = this.local.get(key);
    if (!e || e.resetAt <= now) this.local.set(key, { count: 1, resetAt: now + WINDOW_SECONDS * 1000 });
    else e.count++;
  }

  private redisKey(key: string) {
    return `${this.config.queuePrefix}:login-failures:${key}`;
  }
}
