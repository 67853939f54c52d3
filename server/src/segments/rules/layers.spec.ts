import { CompileContext, MEMBER_FIELDS, RuleError, compileRule } from '../segment-compiler';
import { DEFAULT_RFM, LIFECYCLE_PRESETS } from './layers';

const ctx: CompileContext = {
  fields: new Map(Object.entries(MEMBER_FIELDS)),
  knownTagIds: new Set([1]),
  now: new Date('2026-11-23T00:00:00Z'),
  dbDatetime: (d) => d.toISOString().slice(0, 19).replace('T', ' '),
  timezone: 'Asia/Shanghai',
  layers: {
    rfm: { ...DEFAULT_RFM, recencyDays: 30 },
    lifecycle: {
      model: 'aipl',
      stages: [
        { key: 'awareness', label: 'A', rule: { kind: 'attribute', field: 'createdAt', operator: 'isSet' } },
        { key: 'interest', label: 'I', rule: { kind: 'tags', match: 'any', tagIds: [1] } },
        { key: 'purchase', label: 'P', rule: { kind: 'rfm', frequency: 'high' } },
      ],
    },
  },
};
const fail = (rule: unknown) => {
  try {
    compileRule(rule, ctx);
  } catch (e) {
    return e as RuleError;
  }
  throw new Error('expected a RuleError');
};

describe('layer rules', () => {
  it('compiles an RFM group to bands on member_stats with the configured thresholds', () => {
    const c = compileRule({ kind: 'rfm', group: 'importantRecall' }, ctx);
    expect(c.sql).toBe('EXISTS (SELECT 1 FROM member_stats s WHERE s.member_id = m.id AND s.paid_count > 0 AND s.last_paid_at < ? AND s.paid_count < ? AND s.paid_amount >= ?)');
    expect(c.params).toEqual(['2026-10-24 00:00:00', 2, 50_000]);
    expect(c.reads).toEqual(['stats']);
    // recency moves with the clock: those whose last order turns 30 days old
    expect(c.moving?.[0](new Date('2026-11-23T00:00:00Z'), new Date('2026-11-24T00:00:00Z')).params).toEqual(['2026-10-24 00:00:00', '2026-10-25 00:00:00']);
    expect(compileRule({ kind: 'rfm', monetary: 'low' }, ctx).moving).toBeUndefined();
    expect(fail({ kind: 'rfm' }).path).toBe('rule');
    expect(fail({ kind: 'rfm', frequency: 'often' }).path).toBe('rule.frequency');
  });

  it('puts each member in exactly one lifecycle stage: the last whose rule matches', () => {
    const c = compileRule({ kind: 'lifecycle', stages: ['interest'] }, ctx);
    expect(c.sql).toBe(
      '((EXISTS (SELECT 1 FROM member_tag mt WHERE mt.member_id = m.id AND mt.tag_id IN (?))) AND NOT (EXISTS (SELECT 1 FROM member_stats s WHERE s.member_id = m.id AND s.paid_count > 0 AND s.paid_count >= ?)))',
    );
    expect(c.params).toEqual([1, 2]);
    expect(c.reads?.sort()).toEqual(['field:createdAt', 'stats', 'tag:1']);
    expect(fail({ kind: 'lifecycle', stages: ['loyalty'] }).message).toContain('no stage loyalty');
  });

  it('refuses a lifecycle stage defined by lifecycle stages, however deep', () => {
    const looped: CompileContext = { ...ctx, layers: { ...ctx.layers!, lifecycle: { model: 'aipl', stages: [{ key: 'a', label: 'a', rule: { kind: 'group', op: 'or', rules: [{ kind: 'lifecycle', stages: ['a'] }] } }] } } };
    expect(() => compileRule({ kind: 'lifecycle', stages: ['a'] }, looped)).toThrow('cannot be defined by lifecycle stages');
  });

  it('ships AIPL and AARRR presets whose rules compile', () => {
    for (const preset of Object.values(LIFECYCLE_PRESETS)) {
      const withPreset: CompileContext = { ...ctx, layers: { ...ctx.layers!, lifecycle: preset } };
      for (const s of preset.stages) expect(() => compileRule({ kind: 'lifecycle', stages: [s.key] }, withPreset)).not.toThrow();
    }
  });
});
