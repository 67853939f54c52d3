import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/** Repository root (…/server/src/platform/config → …/). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const intWithDefault = (def: number, min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(def));

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    PORT: intWithDefault(3000, 0, 65535),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    PUBLIC_URL: optionalString.pipe(z.string().url().optional()),
    ROLE: z.preprocess(emptyToUndefined, z.enum(['api', 'worker', 'all']).default('all')),
    DB_URL: optionalString.pipe(
      z
        .string()
        .regex(/^mysql:\/\/[^/]+\/[^/?]+/, 'must look like mysql://user:password@host:3306/database')
        .optional(),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    REDIS_URL: optionalString.pipe(
      z.string().regex(/^rediss?:\/\//, 'must look like redis://host:6379/0').optional(),
    ),
    QUEUE_PREFIX: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9_-]+$/i).default('scrm')),
    APP_SECRET_KEY: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    ADMIN_USERNAME: optionalString.pipe(z.string().regex(/^[a-zA-Z0-9_.@-]{3,64}$/).optional()),
    ADMIN_PASSWORD: optionalString.pipe(z.string().min(8, 'must be at least 8 characters').optional()),
    DEMO_DATA: z.preprocess(emptyToUndefined, z.enum(['on', 'off', 'auto']).default('auto')),
    WECHAT_MODE: z.preprocess(emptyToUndefined, z.enum(['sandbox', 'live']).default('sandbox')),
    MINIAPP_APPID: z.preprocess(emptyToUndefined, z.string().default('wx5andb0xm1n1app0')),
    MINIAPP_SECRET: optionalString,
    WECHAT_CALLBACK_MAX_SKEW_SECONDS: intWithDefault(300, 0, 86400),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    ACCESS_TOKEN_TTL_SECONDS: intWithDefault(900, 60, 86400),
    REFRESH_TOKEN_TTL_DAYS: intWithDefault(30, 1, 365),
    MEMBER_SESSION_TTL_DAYS: intWithDefault(30, 1, 365),
    LOGIN_RATE_LIMIT_PER_MINUTE: intWithDefault(10, 1, 10000),
    MAX_BODY_KB: intWithDefault(1024, 16, 102400),
    MAX_UPLOAD_MB: intWithDefault(20, 1, 1024),
    BRAND_TIMEZONE: z.preprocess(emptyToUndefined, z.string().default('Asia/Shanghai')).refine(isTimeZone, {
      message: 'must be an IANA time zone such as Asia/Shanghai',
    }),
    SHUTDOWN_TIMEOUT_MS: intWithDefault(10000, 0, 600000),
    SEGMENT_SWEEP_SECONDS: intWithDefault(300, 10, 86400),
  })
  .superRefine((env, ctx) => {
    if (env.DB_URL && !env.APP_SECRET_KEY) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['APP_SECRET_KEY'],
        message: 'is required when DB_URL is set (it encrypts phones and secrets and signs tokens)',
      });
    }
    if (env.ROLE !== 'all' && !env.REDIS_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['ROLE'],
        message: `=${env.ROLE} needs REDIS_URL: without Redis the inline job driver runs jobs in the API process (use ROLE=all)`,
      });
    }
    if (env.WECHAT_MODE === 'live' && !env.MINIAPP_SECRET) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MINIAPP_SECRET'], message: 'is required when WECHAT_MODE=live' });
    }
    if ((env.ADMIN_USERNAME && !env.ADMIN_PASSWORD) || (!env.ADMIN_USERNAME && env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [env.ADMIN_USERNAME ? 'ADMIN_PASSWORD' : 'ADMIN_USERNAME'],
        message: 'ADMIN_USERNAME and ADMIN_PASSWORD are set together',
      });
    }
  });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  publicUrl: string;
  role: Env['ROLE'];
  runsApi: boolean;
  runsWorker: boolean;
  db: { kind: 'mysql'; url: string } | { kind: 'sqlite'; file: string };
  dataDir: string;
  redisUrl?: string;
  queuePrefix: string;
  secretKey: string;
  admin?: { username: string; password: string };
  /** true when no admin credentials are given and we may print a generated password (embedded only). */
  mayGenerateOwner: boolean;
  demoData: boolean;
  wechat: { mode: 'sandbox' | 'live'; miniappAppId: string; miniappSecret: string; callbackMaxSkewSeconds: number };
  logLevel: Env['LOG_LEVEL'];
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  memberSessionTtlDays: number;
  loginRateLimitPerMinute: number;
  maxBodyBytes: number;
  maxUploadBytes: number;
  timezone: string;
  shutdownTimeoutMs: number;
  /** how often tracked segments are re-checked for members the passing time moves in or out */
  segmentSweepSeconds: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses and validates the environment once. A wrong variable throws a ConfigError naming it. */
export function loadConfig(raw: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = i.path.join('.') || 'environment';
        const value = raw[name];
        const shown = value === undefined || /SECRET|PASSWORD|KEY/.test(name) ? '' : ` (got "${value}")`;
        return `${name} ${i.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  const dataDir = isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(process.cwd(), env.DATA_DIR);
  const embedded = !env.DB_URL;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    role: env.ROLE,
    runsApi: env.ROLE !== 'worker',
    runsWorker: env.ROLE !== 'api',
    db: env.DB_URL ? { kind: 'mysql', url: env.DB_URL } : { kind: 'sqlite', file: join(dataDir, 'scrm.sqlite') },
    dataDir,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    secretKey: env.APP_SECRET_KEY ?? embeddedSecretKey(dataDir),
    admin: env.ADMIN_USERNAME && env.ADMIN_PASSWORD ? { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD } : undefined,
    mayGenerateOwner: embedded,
    demoData: env.DEMO_DATA === 'on' || (env.DEMO_DATA === 'auto' && embedded),
    wechat: {
      mode: env.WECHAT_MODE,
      miniappAppId: env.MINIAPP_APPID,
      miniappSecret: env.MINIAPP_SECRET ?? 'sandbox-miniapp-secret',
      callbackMaxSkewSeconds: env.WECHAT_CALLBACK_MAX_SKEW_SECONDS,
    },
    logLevel: env.LOG_LEVEL,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    memberSessionTtlDays: env.MEMBER_SESSION_TTL_DAYS,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    maxBodyBytes: env.MAX_BODY_KB * 1024,
    maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
    timezone: env.BRAND_TIMEZONE,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    segmentSweepSeconds: env.SEGMENT_SWEEP_SECONDS,
  };
}

/** Embedded mode keeps a generated key beside the SQLite file so restarts can still read encrypted data. */
function embeddedSecretKey(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
