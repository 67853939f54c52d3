import { FlowGraph, FlowNode } from '../flows/flow-graph';

/** A property filter of an "event occurred" trigger, as in segment rules' behaviour conditions. */
export interface PropertyFilter {
  name: string;
  operator: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'contains';
  value: unknown;
}

/** Node types that enroll members when something happens to them. */
export const EVENT_TRIGGER_TYPES = ['trigger.event', 'trigger.segment_entered', 'trigger.segment_left', 'trigger.tag_added', 'trigger.tag_removed'] as const;

/** Something that happened to members, as the trigger matcher sees it. */
export type TriggerSignal =
  | { kind: 'event'; eventId: number | null; type: string; properties: Record<string, unknown>; memberId: number }
  | { kind: 'tag'; action: 'add' | 'remove'; tagIds: number[]; memberIds: number[] };

/** Same meaning as the SQL the segment compiler writes: a missing property only passes `neq`. */
function matchesOne(f: PropertyFilter, actual: unknown): boolean {
  if (actual === undefined || actual === null) return f.operator === 'neq';
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);
  const same = (a: unknown, b: unknown) => (typeof b === 'number' ? num(a) === b : typeof b === 'boolean' ? a === b || a === (b ? 1 : 0) : String(a) === String(b));
  switch (f.operator) {
    case 'eq':
      return same(actual, f.value);
    case 'neq':
      return !same(actual, f.value);
    case 'in':
      return Array.isArray(f.value) && f.value.some((v) => same(actual, v));
    case 'contains':
      return typeof actual === 'string' && actual.includes(String(f.value));
    case 'gt':
      return num(actual) > Number(f.value);
    case 'gte':
      return num(actual) >= Number(f.value);
    case 'lt':
      return num(actual) < Number(f.value);
    case 'lte':
      return num(actual) <= Number(f.value);
    default:
      return false;
  }
}

/** Every filter holds for the event's properties (no filters: any event of the type). */
export function matchesProperties(filters: PropertyFilter[] | undefined, properties: Record<string, unknown>): boolean {
  return (filters ?? []).every((f) => matchesOne(f, properties?.[f.name]));
}

/** Whether a trigger node fires for the signal; for tags, which of the node's tags it fired on. */
export function triggerFires(node: FlowNode, s: TriggerSignal): boolean {
  const c = node.config as Record<string, unknown>;
  if (s.kind === 'tag') {
    const want = s.action === 'add' ? 'trigger.tag_added' : 'trigger.tag_removed';
    return node.type === want && ((c.tagIds as number[]) ?? []).some((t) => s.tagIds.includes(t));
  }
  switch (node.type) {
    case 'trigger.event':
      return c.eventType === s.type && matchesProperties(c.properties as PropertyFilter[] | undefined, s.properties);
    case 'trigger.segment_entered':
      return s.type === 'segment.entered' && Number(s.properties?.segmentId) === c.segmentId;
    case 'trigger.segment_left':
      return s.type === 'segment.left' && Number(s.properties?.segmentId) === c.segmentId;
    default:
      return false;
  }
}

/** The event-driven trigger nodes of a graph. */
export function eventTriggers(graph: FlowGraph): FlowNode[] {
  return graph.nodes.filter((n) => (EVENT_TRIGGER_TYPES as readonly string[]).includes(n.type));
}
