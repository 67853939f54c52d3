import { FlowGraph } from '../flows/flow-graph';
import { findNode, manualTrigger, nextNodeId } from './next-node';

const graph: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.manual', config: {} },
    { id: 'vip', type: 'condition.if_else', config: {} },
    { id: 'tag', type: 'action.add_tag', config: { tagIds: [1] } },
    { id: 'end', type: 'goal.end', config: {} },
  ],
  edges: [
    { from: 'start', port: 'next', to: 'vip' },
    { from: 'vip', port: 'yes', to: 'tag' },
    { from: 'vip', port: 'no', to: 'end' },
  ],
};

describe('next node', () => {
  it('follows the edge of the returned port', () => {
    expect(nextNodeId(graph, 'start', 'next')).toBe('vip');
    expect(nextNodeId(graph, 'vip', 'yes')).toBe('tag');
    expect(nextNodeId(graph, 'vip', 'no')).toBe('end');
  });

  it('is null for an unwired port or an unknown node, so the journey ends there', () => {
    expect(nextNodeId(graph, 'tag', 'next')).toBeNull();
    expect(nextNodeId(graph, 'vip', 'maybe')).toBeNull();
    expect(nextNodeId(graph, 'nope', 'next')).toBeNull();
  });

  it('finds nodes and the manual trigger', () => {
    expect(findNode(graph, 'tag')?.type).toBe('action.add_tag');
    expect(findNode(graph, 'x')).toBeUndefined();
    expect(manualTrigger(graph)?.id).toBe('start');
    expect(manualTrigger({ nodes: [{ id: 'e', type: 'trigger.event', config: {} }], edges: [] })).toBeUndefined();
  });
});
