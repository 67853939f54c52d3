import { DynamicModule, Global, Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import IORedis from 'ioredis';
import { AuditLogEntity } from './audit/audit-log.entity';
import { AuditService } from './audit/audit.service';
import { TokenService } from './auth/token.service';
import { APP_CONFIG, AppConfig } from './config/config';
import { SecretBox } from './crypto/secret-box';
import { dataSourceOptions } from './database/data-source';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { BullMqJobQueue } from './queue/bullmq.driver';
import { InlineJobQueue } from './queue/inline.driver';
import { JOB_QUEUE, JobQueue } from './queue/job-queue';
import { JobScheduler } from './queue/job-scheduler';
import { REDIS, RedisHandle } from './redis';

/** Shared infrastructure every domain module may inject: config, database, queue, secrets, auth, audit. */
@Global()
@Module({})
export class PlatformModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Platform');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(REDIS) private readonly redis: RedisHandle,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({ ...(await dataSourceOptions(config.db)), migrationsRun: true }),
        }),
        TypeOrmModule.forFeature([AuditLogEntity]),
        JwtModule.register({}),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: SecretBox, useFactory: () => new SecretBox(config.secretKey) },
        {
          provide: REDIS,
          useFactory: (): RedisHandle => ({
            client: config.redisUrl ? new IORedis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: false }) : null,
          }),
        },
        {
          provide: JOB_QUEUE,
          useFactory: (): JobQueue =>
            config.redisUrl ? new BullMqJobQueue(config.redisUrl, config.queuePrefix) : new InlineJobQueue(),
        },
        TokenService,
        AuditService,
        JobScheduler,
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [APP_CONFIG, SecretBox, REDIS, JOB_QUEUE, JobScheduler, TokenService, AuditService, TypeOrmModule],
    };
  }

  /** Handlers are registered by domain modules during init; consumers start only after all are in. */
  async onApplicationBootstrap() {
    if (this.config.runsWorker) {
      await this.queue.start();
      this.logger.log(`job queue (${this.queue.driver}) consuming`);
    }
  }

  /** Graceful shutdown: stop taking jobs, let running ones finish (bounded), then close Redis. */
  async onApplicationShutdown() {
    await this.queue.close(this.config.shutdownTimeoutMs);
    this.redis.client?.disconnect();
  }
}
