import { nodeType } from '../nodes';
import { NodeCheckContext } from '../nodes/node-type';
import { FlowGraph } from './flow-graph';
import { graphShapeProblems, validateFlowGraph } from './flow-validation';

const ctx: NodeCheckContext = { knownTagIds: new Set([1]), segments: new Map(), ruleProblem: async () => null };
const validate = (g: FlowGraph) => validateFlowGraph(g, nodeType, ctx);

/** trigger → wait → tag → end: valid. Each test breaks one rule. */
function flow(): FlowGraph {
  return {
    nodes: [
      { id: 't', type: 'trigger.manual', config: {} },
      { id: 'w', type: 'wait.duration', config: { wait: { amount: 1, unit: 'days' } } },
      { id: 'tag', type: 'action.add_tag', config: { tagIds: [1] } },
      { id: 'end', type: 'goal.end', config: {} },
    ],
    edges: [
      { from: 't', port: 'next', to: 'w' },
      { from: 'w', port: 'next', to: 'tag' },
      { from: 'tag', port: 'next', to: 'end' },
    ],
  };
}

describe('flow validation', () => {
  it('accepts a sound flow', async () => {
    expect(await validate(flow())).toEqual([]);
  });

  it('refuses a graph of the wrong shape, naming the place', async () => {
    expect(graphShapeProblems({ nodes: [{ id: 'x', type: 'goal.end' }] })).toEqual(
      expect.arrayContaining([{ path: 'graph.edges', message: 'is required' }, { path: 'graph.nodes[0].config', message: 'is required' }]),
    );
    expect(await validate({ nodes: 'x' } as never)).toEqual(expect.arrayContaining([{ path: 'edges', message: 'is required' }]));
  });

  it('names an unknown node type', async () => {
    const g = flow();
    g.nodes[2].type = 'action.fax';
    expect(await validate(g)).toContainEqual({ nodeId: 'tag', path: 'nodes[2].type', message: 'unknown node type action.fax' });
  });

  it('names duplicate node ids', async () => {
    const g = flow();
    g.nodes.push({ id: 'w', type: 'goal.end', config: {} });
    expect(await validate(g)).toContainEqual({ nodeId: 'w', path: 'nodes[4].id', message: 'node id w is used twice' });
  });

  it('maps config schema errors to the node and the config path', async () => {
    const g = flow();
    g.nodes[1].config = { wait: { amount: 0, unit: 'days' }, extra: true };
    const errors = await validate(g);
    expect(errors).toContainEqual({ nodeId: 'w', path: 'nodes[1].config.wait.amount', message: 'must be >= 1' });
    expect(errors).toContainEqual({ nodeId: 'w', path: 'nodes[1].config.extra', message: 'is not a known setting' });
  });

  it("reports a type's own check (an unknown tag)", async () => {
    const g = flow();
    g.nodes[2].config = { tagIds: [1, 42] };
    expect(await validate(g)).toContainEqual({ nodeId: 'tag', path: 'nodes[2].config.tagIds[1]', message: 'no tag 42' });
  });

  it('needs at least one trigger', async () => {
    const g = flow();
    g.nodes.shift();
    g.edges.shift();
    expect(await validate(g)).toContainEqual({ path: 'nodes', message: 'a flow needs at least one trigger' });
  });

  it('refuses edges into a trigger', async () => {
    const g = flow();
    g.nodes.push({ id: 't2', type: 'trigger.tag_added', config: { tagIds: [1] } });
    g.edges.push({ from: 't2', port: 'next', to: 't' });
    expect(await validate(g)).toContainEqual(expect.objectContaining({ nodeId: 't', path: 'edges[3].to', message: expect.stringContaining('nothing leads into them') }));
  });

  it('wants every port wired, and wired once', async () => {
    const g = flow();
    g.edges.pop();
    expect(await validate(g)).toContainEqual({ nodeId: 'tag', path: 'nodes[2]', message: 'port next is not connected' });
    const twice = flow();
    twice.edges.push({ from: 'tag', port: 'next', to: 'w' });
    expect(await validate(twice)).toContainEqual(expect.objectContaining({ nodeId: 'tag', path: 'edges[3]', message: 'port next of tag is connected more than once' }));
  });

  it('checks that edges name existing nodes and real ports', async () => {
    const g = flow();
    g.edges.push({ from: 'ghost', port: 'next', to: 'end' }, { from: 'w', port: 'yes', to: 'end' }, { from: 'end', port: 'next', to: 'w' }, { from: 'tag', port: 'next', to: 'nowhere' });
    const errors = await validate(g);
    expect(errors).toContainEqual(expect.objectContaining({ path: 'edges[3].from', message: 'no node ghost' }));
    expect(errors).toContainEqual(expect.objectContaining({ nodeId: 'w', path: 'edges[4].port', message: 'w has no port yes (its ports: next)' }));
    expect(errors).toContainEqual(expect.objectContaining({ nodeId: 'end', path: 'edges[5].port', message: 'end has no port next (it ends the flow)' }));
    expect(errors).toContainEqual(expect.objectContaining({ nodeId: 'tag', path: 'edges[6].to', message: 'no node nowhere' }));
  });

  it('uses the ports an A/B split gets from its config', async () => {
    const g = flow();
    g.nodes[2] = { id: 'tag', type: 'split.ab', config: { variants: [{ key: 'a', percent: 45 }, { key: 'b', percent: 45 }], holdoutPercent: 10 } };
    g.edges[2] = { from: 'tag', port: 'a', to: 'end' };
    g.edges.push({ from: 'tag', port: 'b', to: 'end' });
    expect(await validate(g)).toEqual([{ nodeId: 'tag', path: 'nodes[2]', message: 'port control is not connected' }]);
  });

  it('names nodes no trigger reaches', async () => {
    const g = flow();
    g.nodes.push({ id: 'island', type: 'action.sms', config: { text: 'hi' } });
    g.edges.push({ from: 'island', port: 'next', to: 'end' });
    expect(await validate(g)).toEqual([{ nodeId: 'island', path: 'nodes[4]', message: 'island cannot be reached from a trigger' }]);
  });

  it('allows a loop through a wait and refuses one without', async () => {
    const through = flow();
    through.nodes[2] = { id: 'tag', type: 'condition.if_else', config: { rule: { kind: 'tags', match: 'any', tagIds: [1] } } };
    through.edges[2] = { from: 'tag', port: 'yes', to: 'end' };
    through.edges.push({ from: 'tag', port: 'no', to: 'w' }); // not yet tagged: wait a day and look again
    expect(await validate(through)).toEqual([]);

    const spin = flow();
    spin.nodes[2] = { id: 'tag', type: 'condition.if_else', config: { rule: { kind: 'tags', match: 'any', tagIds: [1] } } };
    spin.nodes.push({ id: 'sms', type: 'action.sms', config: { text: 'hi' } });
    spin.edges[2] = { from: 'tag', port: 'yes', to: 'end' };
    spin.edges.push({ from: 'tag', port: 'no', to: 'sms' }, { from: 'sms', port: 'next', to: 'tag' });
    expect(await validate(spin)).toEqual([{ nodeId: 'tag', path: 'nodes[2]', message: 'the loop tag → sms → tag has no wait in it; a loop must pass through a wait' }]);
  });

  it('caps a flow at 200 nodes', async () => {
    const g = flow();
    g.edges[2] = { from: 'tag', port: 'next', to: 'n0' };
    for (let i = 0; i < 197; i++) {
      g.nodes.push({ id: `n${i}`, type: 'action.sms', config: { text: 'hi' } });
      g.edges.push({ from: `n${i}`, port: 'next', to: i === 196 ? 'end' : `n${i + 1}` });
    }
    expect(await validate(g)).toEqual([{ path: 'nodes', message: 'a flow has at most 200 nodes (this one has 201)' }]);
  });
});
