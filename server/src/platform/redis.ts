import type IORedis from 'ioredis';

/** The shared Redis connection when REDIS_URL is set (rate limits, health); null in the embedded mode. */
export interface RedisHandle {
  client: IORedis | null;
}
export const REDIS = Symbol('REDIS');
