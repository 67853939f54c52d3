import { JsonSchema } from './node-type';
import { ConfigProblem, NodeCheckContext } from './node-type';

/** Config schema fragments shared by several node types. */

export const id: JsonSchema = { type: 'integer', minimum: 1 };

export const tagIds: JsonSchema = { type: 'array', items: id, minItems: 1, maxItems: 50, uniqueItems: true, title: 'Tags' };

/** `pay.paid`, `oa.follow`, `custom.coupon_redeemed`… (the event catalog, or custom events). */
export const eventTypeName: JsonSchema = { type: 'string', pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$', maxLength: 64, title: 'Event type' };

/** Filters on an event's properties, as in segment rules' behaviour conditions. */
export const propertyFilters: JsonSchema = {
  type: 'array',
  maxItems: 10,
  title: 'Property filters',
  items: {
    type: 'object',
    required: ['name', 'operator', 'value'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' },
      operator: { enum: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains'] },
      value: { type: ['string', 'number', 'boolean', 'array'] },
    },
  },
};

/** Text that may carry member fields, e.g. `{{member.nickname}}`, `{{member.points}}`. */
export const templateText: JsonSchema = { type: 'string', minLength: 1, maxLength: 1000 };

/** A platform template's id and its placeholders, each filled from text with member fields. */
export const templateData: JsonSchema = {
  type: 'object',
  maxProperties: 30,
  propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_.]{0,63}$' },
  additionalProperties: { type: 'string', maxLength: 1000 },
  title: 'Placeholders',
};

export const url: JsonSchema = { type: 'string', pattern: '^https?://[^\\s]+$', maxLength: 1000 };

/** The channel account a message goes out through (GET /api/channels); the only one of its kind when left out. */
export const channelAccountId: JsonSchema = { ...id, title: 'Channel account' };

/** Every tag named exists. */
export function knownTags(ids: number[] | undefined, ctx: NodeCheckContext, path = 'tagIds'): ConfigProblem[] {
  return (ids ?? []).flatMap((t, i) => (ctx.knownTagIds.has(t) ? [] : [{ path: `${path}[${i}]`, message: `no tag ${t}` }]));
}

/** The saved segment exists (and, when entering or leaving it is what counts, is tracked). */
export function knownSegment(segmentId: number, ctx: NodeCheckContext, needsTracking: boolean): ConfigProblem[] {
  const s = ctx.segments.get(segmentId);
  if (!s) return [{ path: 'segmentId', message: `no segment ${segmentId}` }];
  if (needsTracking && !s.tracked) return [{ path: 'segmentId', message: `segment ${segmentId} is not tracked; turn on tracking so members entering and leaving it are noticed` }];
  return [];
}

/** The event type exists and its property filters fit it (checked by the segment rule compiler). */
export async function eventFilter(config: { eventType: string; properties?: unknown[] }, ctx: NodeCheckContext): Promise<ConfigProblem[]> {
  const problem = await ctx.ruleProblem({ kind: 'event', eventType: config.eventType, properties: config.properties?.length ? config.properties : undefined });
  return problem ? [problem] : [];
}

/** A length of time: `{ amount: 3, unit: 'days' }` (at most a year). */
export const duration: JsonSchema = {
  type: 'object',
  required: ['amount', 'unit'],
  additionalProperties: false,
  properties: { amount: { type: 'integer', minimum: 1, maximum: 525600 }, unit: { enum: ['minutes', 'hours', 'days'] } },
};

export interface Duration {
  amount: number;
  unit: 'minutes' | 'hours' | 'days';
}

const MINUTES = { minutes: 1, hours: 60, days: 1440 };

/** A duration in milliseconds. */
export function durationMs(d: Duration): number {
  return d.amount * MINUTES[d.unit] * 60_000;
}

export function durationProblems(d: Duration | undefined, path: string): ConfigProblem[] {
  return d && d.amount * MINUTES[d.unit] > 525600 ? [{ path, message: 'must be at most a year' }] : [];
}

/** A local date and time in the brand's time zone, `2026-12-24T20:00`. */
export const localDateTime: JsonSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$' };

/** A time of day in the brand's time zone, `09:30`. */
export const timeOfDay: JsonSchema = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' };

export function localDateTimeProblems(value: string | undefined, path: string): ConfigProblem[] {
  if (!value) return [];
  const [y, mo, d, h, mi] = value.split(/[-T:]/).map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi));
  const real = t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60;
  return real ? [] : [{ path, message: `${value} is not a real date and time` }];
}
