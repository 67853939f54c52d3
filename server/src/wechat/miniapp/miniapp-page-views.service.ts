import { Inject, Injectable } from '@nestjs/common';
import { EventsService } from '../../events/events.service';
import { MembersService } from '../../members/members.service';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { BadInputError, FieldProblem } from '../../platform/errors/app-error';
import { MpPageViewDto, MpPageViewsAcceptedDto } from './miniapp-member.dto';

/** How old a view may be when it arrives (an app kept in the background sends late), and how far ahead a phone clock may run. */
const MAX_AGE_MS = 7 * 24 * 3600_000;
const MAX_AHEAD_MS = 10 * 60_000;

/** Page views the mini-program reports in batches: mp.page_view events on the member, one per viewId. */
@Injectable()
export class MiniappPageViewsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventsService,
    private readonly members: MembersService,
  ) {}

  /** Checks every view first, so a bad one refuses the batch (naming it) before anything is stored. */
  async record(memberId: number, views: MpPageViewDto[], now = Date.now()): Promise<MpPageViewsAcceptedDto> {
    const problems: FieldProblem[] = [];
    views.forEach((v, i) => {
      const at = new Date(v.at).getTime();
      if (at < now - MAX_AGE_MS) problems.push({ field: `views.${i}.at`, message: 'older than 7 days' });
      else if (at > now + MAX_AHEAD_MS) problems.push({ field: `views.${i}.at`, message: 'in the future' });
    });
    if (problems.length) throw new BadInputError(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);

    const appId = this.config.wechat.miniappAppId;
    let accepted = 0;
    let latest = 0;
    for (const v of views) {
      const occurredAt = new Date(v.at);
      const properties: Record<string, unknown> = { path: v.path.replace(/^\//, ''), viewId: v.viewId };
      for (const k of ['query', 'title', 'referrer', 'durationMs'] as const) if (v[k] !== undefined && v[k] !== '') properties[k] = v[k];
      const { duplicate } = await this.events.record({
        type: 'mp.page_view',
        source: 'miniapp',
        // scoped to the member, so one member's ids can never shadow another's views
        dedupeKey: `mp:${appId}:pv:${memberId}:${v.viewId.toLowerCase()}`,
        occurredAt,
        memberId,
        properties,
      });
      if (!duplicate) {
        accepted++;
        latest = Math.max(latest, occurredAt.getTime());
      }
    }
    if (latest) await this.members.seen(memberId, new Date(Math.min(latest, now)));
    return { accepted, duplicates: views.length - accepted };
  }
}
