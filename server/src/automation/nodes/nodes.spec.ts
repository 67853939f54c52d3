import { compileSchema, schemaProblems } from '../flows/json-schema';
import { NODE_TYPES, nodeType } from '.';
import { NodeCheckContext } from './node-type';
import { cronProblem } from './trigger-scheduled-audience.node';

/** A brand with tag 1, tracked segment 1, untracked segment 2; rules naming `bad` do not compile. */
const ctx: NodeCheckContext = {
  knownTagIds: new Set([1]),
  segments: new Map([[1, { tracked: true }], [2, { tracked: false }]]),
  ruleProblem: async (rule) => (JSON.stringify(rule).includes('bad') ? { path: 'field', message: 'unknown field bad' } : null),
};

/** Per type: a config that passes, and one its schema or check refuses (with the path it names). */
const CASES: Record<string, { good: object; bad: object; badPath: string }> = {
  'trigger.event': { good: { eventType: 'oa.subscribe', properties: [{ name: 'scene', operator: 'eq', value: 'qr1' }] }, bad: { eventType: 'bad.event' }, badPath: 'field' },
  'trigger.segment_entered': { good: { segmentId: 1 }, bad: { segmentId: 2 }, badPath: 'segmentId' },
  'trigger.segment_left': { good: { segmentId: 1 }, bad: { segmentId: 3 }, badPath: 'segmentId' },
  'trigger.scheduled_audience': { good: { segmentId: 2, schedule: 'recurring', cron: '0 9 * * 1-5' }, bad: { segmentId: 2, schedule: 'once' }, badPath: '.at' },
  'trigger.date_attribute': { good: { field: 'birthday', offsetDays: -3, timeOfDay: '10:00' }, bad: { field: 'attributes.bad', offsetDays: 0 }, badPath: 'field' },
  'trigger.tag_added': { good: { tagIds: [1] }, bad: { tagIds: [1, 7] }, badPath: 'tagIds[1]' },
  'trigger.tag_removed': { good: { tagIds: [1] }, bad: { tagIds: [] }, badPath: '.tagIds' },
  'trigger.manual': { good: {}, bad: { x: 1 }, badPath: '.x' },
  'condition.if_else': { good: { rule: { kind: 'tags', match: 'any', tagIds: [1] } }, bad: { rule: { kind: 'attribute', field: 'bad' } }, badPath: 'rule.field' },
  'split.ab': { good: { variants: [{ key: 'a', percent: 45 }, { key: 'b', percent: 45 }], holdoutPercent: 10 }, bad: { variants: [{ key: 'a', percent: 50 }, { key: 'a', percent: 50 }] }, badPath: 'variants[1].key' },
  'condition.wait_for_event': { good: { eventType: 'custom.coupon_redeemed', timeout: { amount: 3, unit: 'days' } }, bad: { eventType: 'custom.x', timeout: { amount: 400, unit: 'days' } }, badPath: 'timeout' },
  'condition.reachability': { good: { channel: 'oa_service' }, bad: { channel: 'miniapp_subscribe' }, badPath: '.templateId' },
  'wait.duration': { good: { wait: { amount: 2, unit: 'hours' } }, bad: { wait: { amount: 2, unit: 'weeks' } }, badPath: '.wait.unit' },
  'wait.until': { good: { at: '2026-12-24T20:00' }, bad: { at: '2026-02-30T20:00' }, badPath: 'at' },
  'wait.window': { good: { daysOfWeek: [1, 2, 3, 4, 5], from: '10:00', to: '20:00' }, bad: { from: '20:00', to: '10:00' }, badPath: 'to' },
  'action.oa_template': { good: { templateId: 'TPL1', data: { first: '{{member.nickname}}，你好' }, url: 'https://example.com/a' }, bad: { templateId: 'TPL1', data: { first: 1 } }, badPath: '.data.first' },
  'action.oa_service_message': { good: { text: '您好 {{member.nickname}}' }, bad: { text: '' }, badPath: '.text' },
  'action.miniapp_subscribe': { good: { templateId: 'T', page: 'pages/index/index', data: { thing1: '优惠券' } }, bad: { data: {} }, badPath: '.templateId' },
  'action.sms': { good: { text: '【品牌】您的优惠券明天到期' }, bad: { text: 'x'.repeat(501) }, badPath: '.text' },
  'action.wecom_mass_task': { good: { text: '新品到店', deadline: { amount: 1, unit: 'days' } }, bad: { text: '新品到店' }, badPath: '.deadline' },
  'action.wecom_staff_message': { good: { recipient: 'named_staff', staffUserIds: ['zhangsan'], text: '{{member.nickname}} 领了券' }, bad: { recipient: 'named_staff', text: 'x' }, badPath: '.staffUserIds' },
  'action.add_tag': { good: { tagIds: [1] }, bad: { tagIds: [5] }, badPath: 'tagIds[0]' },
  'action.remove_tag': { good: { tagIds: [1] }, bad: { tagIds: ['1'] }, badPath: '.tagIds[0]' },
  'action.set_attribute': { good: { field: 'attributes.vip_level', value: 3 }, bad: { field: 'attributes.bad', value: 1 }, badPath: 'field' },
  'action.set_lifecycle_stage': { good: { stage: 'loyal' }, bad: { stage: 'gold' }, badPath: '.stage' },
  'action.webhook': { good: { url: 'https://crm.example.com/hook', secret: 's3cret-s3cret-s3cret' }, bad: { url: 'ftp://x', secret: 's3cret-s3cret-s3cret' }, badPath: '.url' },
  'goal.event': { good: { eventType: 'pay.paid', window: { amount: 7, unit: 'days' } }, bad: { eventType: 'pay.paid' }, badPath: '.window' },
  'goal.exit': { good: { reason: '已购买' }, bad: { reason: 5 }, badPath: '.reason' },
  'goal.end': { good: {}, bad: { next: 'x' }, badPath: '.next' },
};

/** Schema problems first; only a schema-valid config reaches check(), as in validation. */
async function problems(type: string, config: object): Promise<string[]> {
  const def = nodeType(type)!;
  const schema = schemaProblems(def.configSchema, config, '').map((p) => p.path);
  if (schema.length || !def.check) return schema;
  return (await def.check(config as never, ctx)).map((p) => p.path);
}

describe('node-type registry', () => {
  it('has unique types and a case below for every one', () => {
    const types = NODE_TYPES.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(NODE_TYPES.map((d) => [d.type, d] as const))('%s: schema compiles, labels in both languages, ports distinct', (_t, d) => {
    expect(() => compileSchema(d.configSchema)).not.toThrow();
    for (const text of [d.label, d.description]) {
      expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(new Set(d.ports).size).toBe(d.ports.length);
    expect(d.category === 'trigger' ? d.ports : ['next']).toEqual(['next']);
  });

  it.each(Object.entries(CASES))('%s: accepts a sound config and names the field of a wrong one', async (type, c) => {
    expect(await problems(type, c.good)).toEqual([]);
    expect(await problems(type, c.bad)).toContain(c.badPath);
  });

  it('derives A/B ports from the variants, with control only for a holdout', () => {
    const ab = nodeType('split.ab')!;
    expect(ab.portsOf!({ variants: [{ key: 'a', percent: 30 }, { key: 'b', percent: 30 }, { key: 'c', percent: 30 }], holdoutPercent: 10 })).toEqual(['a', 'b', 'c', 'control']);
    expect(ab.portsOf!({ variants: [{ key: 'x', percent: 50 }, { key: 'y', percent: 50 }] })).toEqual(['x', 'y']);
  });

  it('checks cron expressions field by field', () => {
    expect(cronProblem('*/15 8-20 * * 1,3,5')).toBeNull();
    expect(cronProblem('0 9 * *')).toMatch(/five fields/);
    expect(cronProblem('0 24 * * *')).toMatch(/hour must be within 0-23/);
    expect(cronProblem('0 9 10-5 * *')).toMatch(/runs backwards/);
    expect(cronProblem('0 9 * * mon')).toMatch(/not a number/);
  });
});
