import { ConfigProblem, NodeTypeDefinition } from './node-type';
import { id, knownSegment, localDateTime, localDateTimeProblems } from './schemas';

interface Config {
  segmentId: number;
  schedule: 'once' | 'recurring';
  at?: string;
  cron?: string;
}

// minute hour day-of-month month day-of-week (0 and 7 are Sunday)
const CRON_FIELDS: [string, number, number][] = [['minute', 0, 59], ['hour', 0, 23], ['day of month', 1, 31], ['month', 1, 12], ['day of week', 0, 7]];

/** Checks a five-field cron expression (`*`, numbers, ranges, lists and steps); null when it is sound. */
export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return 'must have five fields: minute hour day-of-month month day-of-week';
  for (let i = 0; i < 5; i++) {
    const [name, min, max] = CRON_FIELDS[i];
    for (const part of fields[i].split(',')) {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!m) return `${name}: "${part}" is not a number, range, list or step`;
      const nums = [m[2], m[3]].filter((n) => n !== undefined).map(Number);
      if (nums.some((n) => n < min || n > max)) return `${name} must be within ${min}-${max}`;
      if (nums.length === 2 && nums[0] > nums[1]) return `${name}: range ${part} runs backwards`;
      if (m[4] !== undefined && Number(m[4]) < 1) return `${name}: step must be at least 1`;
    }
  }
  return null;
}

export const triggerScheduledAudienceNode: NodeTypeDefinition<Config> = {
  type: 'trigger.scheduled_audience',
  category: 'trigger',
  label: { zh: '定时圈选人群', en: 'Scheduled audience' },
  description: {
    zh: '在指定时间（一次）或按周期（cron）把分群当时的成员加入流程，时间按品牌时区。',
    en: "Enrolls a segment's members at a set time (once) or on a schedule (cron), in the brand's time zone.",
  },
  configSchema: {
    type: 'object',
    required: ['segmentId', 'schedule'],
    additionalProperties: false,
    properties: {
      segmentId: { ...id, title: 'Segment' },
      schedule: { enum: ['once', 'recurring'] },
      at: { ...localDateTime, title: 'Once at (brand time zone)' },
      cron: { type: 'string', maxLength: 100, title: 'Cron (minute hour day month weekday, brand time zone)' },
    },
    allOf: [
      { if: { properties: { schedule: { const: 'once' } } }, then: { required: ['at'] } },
      { if: { properties: { schedule: { const: 'recurring' } } }, then: { required: ['cron'] } },
    ],
  },
  ports: ['next'],
  check: (config, ctx) => {
    const problems: ConfigProblem[] = [...knownSegment(config.segmentId, ctx, false)];
    if (config.schedule === 'once') problems.push(...localDateTimeProblems(config.at, 'at'));
    const cron = config.schedule === 'recurring' && config.cron !== undefined ? cronProblem(config.cron) : null;
    if (cron) problems.push({ path: 'cron', message: cron });
    return problems;
  },
};
