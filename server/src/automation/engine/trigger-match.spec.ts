import { chooseSplitPort } from '../nodes/split-ab.node';
import { PropertyFilter, matchesProperties, triggerFires } from './trigger-match';

const f = (name: string, operator: PropertyFilter['operator'], value: unknown): PropertyFilter => ({ name, operator, value });

describe('event property filters', () => {
  const props = { store: 'SH01', amount: 128.5, vip: true, note: 'weekend visit' };

  it('no filters match any event', () => {
    expect(matchesProperties(undefined, props)).toBe(true);
    expect(matchesProperties([], {})).toBe(true);
  });

  it('compares text, numbers and booleans like the segment rules', () => {
    expect(matchesProperties([f('store', 'eq', 'SH01')], props)).toBe(true);
    expect(matchesProperties([f('store', 'eq', 'BJ01')], props)).toBe(false);
    expect(matchesProperties([f('store', 'neq', 'BJ01')], props)).toBe(true);
    expect(matchesProperties([f('store', 'in', ['BJ01', 'SH01'])], props)).toBe(true);
    expect(matchesProperties([f('store', 'in', ['BJ01'])], props)).toBe(false);
    expect(matchesProperties([f('note', 'contains', 'weekend')], props)).toBe(true);
    expect(matchesProperties([f('amount', 'gt', 100), f('amount', 'lte', 128.5)], props)).toBe(true);
    expect(matchesProperties([f('amount', 'lt', 100)], props)).toBe(false);
    expect(matchesProperties([f('amount', 'gte', 100)], { amount: '150' })).toBe(true);
    expect(matchesProperties([f('vip', 'eq', true)], props)).toBe(true);
    expect(matchesProperties([f('vip', 'eq', false)], props)).toBe(false);
  });

  it('a missing property only passes "not equal"', () => {
    expect(matchesProperties([f('coupon', 'eq', 'X')], props)).toBe(false);
    expect(matchesProperties([f('coupon', 'neq', 'X')], props)).toBe(true);
    expect(matchesProperties([f('coupon', 'gt', 1)], props)).toBe(false);
  });

  it('every filter must hold', () => {
    expect(matchesProperties([f('store', 'eq', 'SH01'), f('amount', 'gt', 500)], props)).toBe(false);
  });
});

describe('trigger nodes', () => {
  const event = (type: string, properties: Record<string, unknown> = {}) => ({ kind: 'event' as const, eventId: 1, type, properties, memberId: 7 });

  it('fire on their event type, segment or tags only', () => {
    const visit = { id: 't', type: 'trigger.event', config: { eventType: 'custom.store_visit', properties: [f('store', 'eq', 'SH01')] } };
    expect(triggerFires(visit, event('custom.store_visit', { store: 'SH01' }))).toBe(true);
    expect(triggerFires(visit, event('custom.store_visit', { store: 'BJ01' }))).toBe(false);
    expect(triggerFires(visit, event('custom.other', { store: 'SH01' }))).toBe(false);
    const entered = { id: 's', type: 'trigger.segment_entered', config: { segmentId: 4 } };
    expect(triggerFires(entered, event('segment.entered', { segmentId: 4 }))).toBe(true);
    expect(triggerFires(entered, event('segment.entered', { segmentId: 5 }))).toBe(false);
    expect(triggerFires(entered, event('segment.left', { segmentId: 4 }))).toBe(false);
    const tagged = { id: 'g', type: 'trigger.tag_added', config: { tagIds: [2, 3] } };
    expect(triggerFires(tagged, { kind: 'tag', action: 'add', tagIds: [3], memberIds: [1] })).toBe(true);
    expect(triggerFires(tagged, { kind: 'tag', action: 'remove', tagIds: [3], memberIds: [1] })).toBe(false);
    expect(triggerFires(tagged, { kind: 'tag', action: 'add', tagIds: [9], memberIds: [1] })).toBe(false);
  });
});

describe('A/B/n split', () => {
  const config = { variants: [{ key: 'a', percent: 45 }, { key: 'b', percent: 45 }], holdoutPercent: 10 };

  it('the same enrollment at the same node always takes the same branch', () => {
    for (let id = 1; id <= 50; id++) expect(chooseSplitPort(config, id, 'split')).toBe(chooseSplitPort(config, id, 'split'));
  });

  it('spreads members by the percentages, the holdout to control', () => {
    const counts: Record<string, number> = {};
    for (let id = 1; id <= 10_000; id++) {
      const p = chooseSplitPort(config, id, 'split');
      counts[p] = (counts[p] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['a', 'b', 'control']);
    expect(counts.a / 10_000).toBeCloseTo(0.45, 1);
    expect(counts.b / 10_000).toBeCloseTo(0.45, 1);
    expect(counts.control / 10_000).toBeCloseTo(0.1, 1);
  });

  it('without a holdout nobody goes to control', () => {
    const even = { variants: [{ key: 'a', percent: 50 }, { key: 'b', percent: 50 }] };
    for (let id = 1; id <= 500; id++) expect(['a', 'b']).toContain(chooseSplitPort(even, id, 'n1'));
  });
});
