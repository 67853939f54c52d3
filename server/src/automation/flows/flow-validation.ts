/**
 * Checks a flow's graph before it is published. Pure: the node types and what their checks consult
 * come in as arguments, so every rule is unit tested without a database.
 *
 * Loops: a member may go round a loop only through a node that holds them for a while (a wait, a
 * wait-for-event, a task with a deadline); any other loop would spin a member forever in one
 * instant, so it is refused.
 */
import { NodeCheckContext, NodeTypeDefinition } from '../nodes/node-type';
import { FlowEdge, FlowGraph, GRAPH_SCHEMA, MAX_NODES } from './flow-graph';
import { schemaProblems } from './json-schema';

export interface FlowValidationError {
  nodeId?: string;
  edge?: FlowEdge;
  path: string;
  message: string;
}

type Lookup = (type: string) => NodeTypeDefinition | undefined;

/** The graph's shape (JSON Schema); a draft that is not even a graph is refused before it is saved. */
export function graphShapeProblems(graph: unknown, root = 'graph'): FlowValidationError[] {
  return schemaProblems(GRAPH_SCHEMA, graph, root);
}

/** Every rule a publishable graph must meet; an empty list means it may be published. */
export async function validateFlowGraph(graph: FlowGraph, lookup: Lookup, ctx: NodeCheckContext): Promise<FlowValidationError[]> {
  const shape = graphShapeProblems(graph, '');
  if (shape.length) return shape.map((e) => ({ ...e, path: e.path.replace(/^\./, '') || 'graph' }));
  const errors: FlowValidationError[] = [];
  if (graph.nodes.length > MAX_NODES) errors.push({ path: 'nodes', message: `a flow has at most ${MAX_NODES} nodes (this one has ${graph.nodes.length})` });

  const index = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    if (index.has(n.id)) errors.push({ nodeId: n.id, path: `nodes[${i}].id`, message: `node id ${n.id} is used twice` });
    else index.set(n.id, i);
  });

  // ports of each node whose config is valid (null: unknown type or invalid config, so its ports are unknown)
  const ports = new Map<string, string[] | null>();
  for (const [i, n] of graph.nodes.entries()) {
    if (index.get(n.id) !== i) continue;
    const def = lookup(n.type);
    if (!def) {
      errors.push({ nodeId: n.id, path: `nodes[${i}].type`, message: `unknown node type ${n.type}` });
      ports.set(n.id, null);
      continue;
    }
    const configErrors = schemaProblems(def.configSchema, n.config, `nodes[${i}].config`);
    if (!configErrors.length && def.check) {
      for (const p of await def.check(n.config, ctx)) configErrors.push({ path: `nodes[${i}].config.${p.path}`, message: p.message });
    }
    errors.push(...configErrors.map((e) => ({ nodeId: n.id, ...e })));
    ports.set(n.id, configErrors.length ? null : (def.portsOf?.(n.config) ?? def.ports));
  }

  const isTrigger = (id: string) => lookup(graph.nodes[index.get(id)!]?.type)?.category === 'trigger';
  const triggers = [...index.keys()].filter(isTrigger);
  if (!triggers.length) errors.push({ path: 'nodes', message: 'a flow needs at least one trigger' });

  const wired = new Map<string, FlowEdge[]>(); // `${from}\n${port}` → edges
  const next = new Map<string, string[]>();
  graph.edges.forEach((e, j) => {
    const bad = (field: string, message: string, nodeId?: string) => errors.push({ nodeId, edge: e, path: `edges[${j}].${field}`, message });
    if (!index.has(e.from)) return bad('from', `no node ${e.from}`);
    if (!index.has(e.to)) return bad('to', `no node ${e.to}`, e.from);
    const fromPorts = ports.get(e.from);
    if (fromPorts && !fromPorts.includes(e.port)) return bad('port', `${e.from} has no port ${e.port}${fromPorts.length ? ` (its ports: ${fromPorts.join(', ')})` : ' (it ends the flow)'}`, e.from);
    if (isTrigger(e.to)) return bad('to', `${e.to} is a trigger; triggers start a flow and nothing leads into them`, e.to);
    const key = `${e.from}\n${e.port}`;
    wired.set(key, [...(wired.get(key) ?? []), e]);
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  });

  for (const [id, list] of ports) {
    for (const port of list ?? []) {
      const edges = wired.get(`${id}\n${port}`) ?? [];
      const i = index.get(id)!;
      if (!edges.length) errors.push({ nodeId: id, path: `nodes[${i}]`, message: `port ${port} is not connected` });
      for (const extra of edges.slice(1)) errors.push({ nodeId: id, edge: extra, path: `edges[${graph.edges.indexOf(extra)}]`, message: `port ${port} of ${id} is connected more than once` });
    }
  }

  if (triggers.length) {
    const reached = new Set(triggers);
    const queue = [...triggers];
    while (queue.length) {
      for (const to of next.get(queue.shift()!) ?? []) {
        if (reached.has(to)) continue;
        reached.add(to);
        queue.push(to);
      }
    }
    for (const [id, i] of index) if (!reached.has(id)) errors.push({ nodeId: id, path: `nodes[${i}]`, message: `${id} cannot be reached from a trigger` });
  }

  const holds = (id: string) => !!lookup(graph.nodes[index.get(id)!].type)?.holds;
  for (const cycle of loopsWithoutHold(index.keys(), next, holds)) {
    errors.push({ nodeId: cycle[0], path: `nodes[${index.get(cycle[0])}]`, message: `the loop ${[...cycle, cycle[0]].join(' → ')} has no wait in it; a loop must pass through a wait` });
  }
  return errors;
}

/** Loops that never pass through a holding node: one per back edge found by a depth-first walk of the other nodes. */
function loopsWithoutHold(ids: Iterable<string>, next: Map<string, string[]>, holds: (id: string) => boolean): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const loops: string[][] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    stack.push(id);
    for (const to of next.get(id) ?? []) {
      if (holds(to)) continue;
      if (state.get(to) === 'open') loops.push(stack.slice(stack.indexOf(to)));
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of ids) if (!holds(id) && !state.has(id)) visit(id);
  return loops;
}
