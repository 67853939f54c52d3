import { nodeType } from '../nodes';
import { StepContext } from '../nodes/node-type';

function step(now = new Date('2026-11-01T02:00:00Z')): StepContext & { added: number[][]; removed: number[][]; updates: unknown[][] } {
  const added: number[][] = [];
  const removed: number[][] = [];
  const updates: unknown[][] = [];
  return {
    updates,
    enrollmentId: 1,
    memberId: 7,
    nodeId: 'n',
    now,
    added,
    removed,
    addTags: async (ids) => (added.push(ids), ids.length),
    removeTags: async (ids) => (removed.push(ids), 0),
    setAttribute: async (key, value) => void updates.push(['attribute', key, value]),
    setLifecycleStage: async (stage) => void updates.push(['stage', stage]),
    matchesRule: async (rule) => (rule as { yes?: boolean }).yes === true,
  };
}

const run = (type: string, config: object, ctx = step()) => nodeType(type)!.execute!(config as Record<string, unknown>, ctx);

describe('node executors', () => {
  it('the manual trigger goes on through next', async () => {
    expect(await run('trigger.manual', {})).toEqual({ port: 'next' });
  });

  it('add and remove tag act on the member and record what changed', async () => {
    const ctx = step();
    expect(await run('action.add_tag', { tagIds: [3, 4] }, ctx)).toEqual({ port: 'next', detail: { tagIds: [3, 4], added: 2 } });
    expect(await run('action.remove_tag', { tagIds: [3] }, ctx)).toEqual({ port: 'next', detail: { tagIds: [3], removed: 0 } });
    expect(ctx.added).toEqual([[3, 4]]);
    expect(ctx.removed).toEqual([[3]]);
  });

  it('a wait wakes the member after the duration, measured on the step clock', async () => {
    const r = await run('wait.duration', { wait: { amount: 90, unit: 'minutes' } });
    expect(r).toEqual({ port: 'next', wakeAt: new Date('2026-11-01T03:30:00Z'), detail: { until: '2026-11-01T03:30:00.000Z' } });
    expect(await run('wait.duration', { wait: { amount: 3, unit: 'days' } })).toMatchObject({ wakeAt: new Date('2026-11-04T02:00:00Z') });
  });

  it('end completes, exit leaves with its reason', async () => {
    expect(await run('goal.end', {})).toEqual({ finish: 'completed' });
    expect(await run('goal.exit', { reason: 'unsubscribed' })).toEqual({ finish: 'exited', detail: { reason: 'unsubscribed' } });
    expect(await run('goal.exit', {})).toEqual({ finish: 'exited', detail: undefined });
  });

  it('triggers go on through next, recording what made the member enter', async () => {
    const ctx = { ...step(), trigger: { eventId: 5, eventType: 'custom.store_visit' } };
    expect(await run('trigger.event', { eventType: 'custom.store_visit' }, ctx)).toEqual({ port: 'next', detail: { eventId: 5, eventType: 'custom.store_visit' } });
    expect(await run('trigger.tag_added', { tagIds: [1] })).toEqual({ port: 'next', detail: undefined });
  });

  it('set attribute and lifecycle stage update the member', async () => {
    const ctx = step();
    expect(await run('action.set_attribute', { field: 'attributes.vip_level', value: 'gold' }, ctx)).toEqual({ port: 'next', detail: { field: 'attributes.vip_level', value: 'gold' } });
    expect(await run('action.set_lifecycle_stage', { stage: 'customer' }, ctx)).toEqual({ port: 'next', detail: { stage: 'customer' } });
    expect(ctx.updates).toEqual([['attribute', 'vip_level', 'gold'], ['stage', 'customer']]);
  });

  it('if/else follows the rule', async () => {
    expect(await run('condition.if_else', { rule: { yes: true } })).toEqual({ port: 'yes' });
    expect(await run('condition.if_else', { rule: { yes: false } })).toEqual({ port: 'no' });
  });

  it('types without an executor are the ones the engine fails clearly on', () => {
    expect(nodeType('action.sms')!.execute).toBeUndefined();
  });
});
