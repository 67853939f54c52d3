import { createHash } from 'node:crypto';
import { ConfigProblem, NodeTypeDefinition } from './node-type';

interface Config {
  variants: { key: string; label?: string; percent: number }[];
  holdoutPercent?: number;
}

export const splitAbNode: NodeTypeDefinition<Config> = {
  type: 'split.ab',
  category: 'split',
  label: { zh: 'A/B 随机分流', en: 'Random A/B/n split' },
  description: {
    zh: '按百分比把会员随机分到各个分支；可留出对照组（不做任何触达），百分比合计 100。',
    en: 'Sends members down variants at random by percentage, with an optional holdout (control) group that gets nothing; percentages add up to 100.',
  },
  configSchema: {
    type: 'object',
    required: ['variants'],
    additionalProperties: false,
    properties: {
      variants: {
        type: 'array',
        minItems: 2,
        maxItems: 10,
        items: {
          type: 'object',
          required: ['key', 'percent'],
          additionalProperties: false,
          properties: {
            key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,15}$', not: { const: 'control' }, title: 'Port name' },
            label: { type: 'string', maxLength: 32 },
            percent: { type: 'integer', minimum: 1, maximum: 100 },
          },
        },
      },
      holdoutPercent: { type: 'integer', minimum: 0, maximum: 50, default: 0, title: 'Holdout (control) %' },
    },
  },
  ports: ['a', 'b'],
  // one port per variant, plus `control` when there is a holdout
  portsOf: (config) => [...config.variants.map((v) => v.key), ...(config.holdoutPercent ? ['control'] : [])],
  check: (config) => {
    const problems: ConfigProblem[] = [];
    const seen = new Set<string>();
    config.variants.forEach((v, i) => {
      if (seen.has(v.key)) problems.push({ path: `variants[${i}].key`, message: `${v.key} is used twice` });
      seen.add(v.key);
    });
    const total = config.variants.reduce((s, v) => s + v.percent, 0) + (config.holdoutPercent ?? 0);
    if (total !== 100) problems.push({ path: 'variants', message: `percentages add up to ${total}, not 100` });
    return problems;
  },
  execute: async (config, step) => {
    const port = chooseSplitPort(config, step.enrollmentId, step.nodeId);
    return { port, detail: { variant: port } };
  },
};

/**
 * The member's branch: a bucket 0–99 from a hash of the enrollment and the node, so a replayed step
 * (a retry, a duplicate job) takes the same branch, and two splits in one flow are independent.
 * Buckets go to the variants in order by their percentages; the rest (the holdout) to `control`.
 */
export function chooseSplitPort(config: Config, enrollmentId: number, nodeId: string): string {
  const bucket = createHash('sha256').update(`${enrollmentId}:${nodeId}`).digest().readUInt32BE(0) % 100;
  let upTo = 0;
  for (const v of config.variants) {
    upTo += v.percent;
    if (bucket < upTo) return v.key;
  }
  return 'control';
}
