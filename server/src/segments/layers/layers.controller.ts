import { Body, Controller, Get, HttpCode, Inject, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, HQ_ROLES, Roles } from '../../platform/auth/decorators';
import { AdminPrincipal } from '../../platform/http/request-context';
import { JOB_QUEUE, JobQueue } from '../../platform/queue/job-queue';
import { LIFECYCLE_PRESETS, RFM_GROUPS, RfmGroup } from '../rules/layers';
import { SegmentsService } from '../segments.service';
import { LifecycleConfigDto, LifecycleLayerDto, RfmConfigDto, RfmLayerDto, StatsRebuildDto } from './layers.dto';
import { LayersService } from './layers.service';
import { REBUILD_STATS_JOB } from './member-stats.service';

/** Layers segments can use: RFM groups and lifecycle stages, as the operator defines them. */
@ApiTags('segments')
@Controller('api/segment-layers')
export class LayersController {
  constructor(
    private readonly layers: LayersService,
    private readonly segments: SegmentsService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  @Get('rfm')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'RFM thresholds and how many members are in each of the eight groups' })
  @ApiOkResponse({ type: RfmLayerDto })
  async rfm(): Promise<RfmLayerDto> {
    const config = (await this.layers.context()).rfm;
    const counts = await this.layers.rfmGroups();
    return {
      config,
      groups: counts.map(({ group, count }) => {
        const g = RFM_GROUPS[group as RfmGroup];
        return { group, label: g.zh, labelEn: g.en, recency: g.recency, frequency: g.frequency, monetary: g.monetary, count };
      }),
    };
  }

  @Put('rfm')
  @Roles('owner')
  @ApiOperation({ summary: 'Set where "high" starts for recency, frequency and monetary' })
  @ApiOkResponse({ type: RfmLayerDto })
  async setRfm(@Body() dto: RfmConfigDto, @CurrentUser() actor: AdminPrincipal): Promise<RfmLayerDto> {
    await this.layers.setRfm({ recencyDays: dto.recencyDays, frequencyMin: dto.frequencyMin, monetaryMin: dto.monetaryMin }, actor);
    return this.rfm();
  }

  @Post('rfm/rebuild')
  @Roles('owner')
  @HttpCode(202)
  @ApiOperation({ summary: 'Recompute every member\'s paid order figures from the event store (kept current by itself; for an initial load)' })
  @ApiAcceptedResponse({ type: StatsRebuildDto })
  async rebuild(): Promise<StatsRebuildDto> {
    return { jobId: await this.queue.enqueue(REBUILD_STATS_JOB, {}, { attempts: 2 }) };
  }

  @Get('lifecycle')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'The lifecycle model (AIPL or AARRR), its stage rules and how many members are in each stage' })
  @ApiOkResponse({ type: LifecycleLayerDto })
  async lifecycle(): Promise<LifecycleLayerDto> {
    const config = (await this.layers.context()).lifecycle;
    const stages = [];
    for (const s of config.stages) {
      const { count } = await this.segments.preview({ kind: 'lifecycle', stages: [s.key] }, 0);
      stages.push({ key: s.key, label: s.label, count });
    }
    return { config, stages, presets: [LIFECYCLE_PRESETS.aipl, LIFECYCLE_PRESETS.aarrr] };
  }

  @Put('lifecycle')
  @Roles('owner')
  @ApiOperation({ summary: 'Choose the lifecycle model and define each stage by a rule' })
  @ApiOkResponse({ type: LifecycleLayerDto })
  async setLifecycle(@Body() dto: LifecycleConfigDto, @CurrentUser() actor: AdminPrincipal): Promise<LifecycleLayerDto> {
    await this.layers.setLifecycle(dto, actor, async (rule, path) => {
      await this.segments.compile(rule, undefined, path);
    });
    return this.lifecycle();
  }
}
