import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JOB_QUEUE, JobQueue } from '../queue/job-queue';
import { REDIS, RedisHandle } from '../redis';

class CheckDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ required: false }) detail?: string;
  @ApiProperty({ required: false }) latencyMs?: number;
}

class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['api', 'worker', 'all'] }) role: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/CheckDto' } })
  checks: Record<string, CheckDto>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'job counts by state' })
  jobs: Record<string, number>;
}

@ApiTags('health')
@ApiExtraModels(CheckDto)
@Controller('api/health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(REDIS) private readonly redis: RedisHandle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'a dependency is down' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const checks: Record<string, CheckDto> = {};
    checks.database = await timed(async () => {
      await this.ds.query('SELECT 1');
      return this.config.db.kind === 'mysql' ? 'mysql' : 'sqlite (embedded)';
    });
    if (this.redis.client) {
      const client = this.redis.client;
      checks.redis = await timed(async () => String(await client.ping()));
    }
    const q = await this.queue.health();
    checks.queue = { ok: q.ok, detail: q.error ? `${q.driver}: ${q.error}` : q.driver };
    const ok = Object.values(checks).every((c) => c.ok);
    if (!ok) res.status(503);
    return { status: ok ? 'ok' : 'degraded', role: this.config.role, checks, jobs: q.counts };
  }
}

async function timed(fn: () => Promise<string>): Promise<CheckDto> {
  const t = Date.now();
  try {
    const detail = await Promise.race([fn(), new Promise<string>((_, rej) => setTimeout(() => rej(new Error('timed out after 2 s')), 2000).unref())]);
    return { ok: true, detail, latencyMs: Date.now() - t };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e), latencyMs: Date.now() - t };
  }
}
