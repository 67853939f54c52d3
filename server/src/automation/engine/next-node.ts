import { FlowGraph, FlowNode } from '../flows/flow-graph';

/** The node an edge leads to from `nodeId` through `port`; null when the port is not wired (the journey ends). */
export function nextNodeId(graph: FlowGraph, nodeId: string, port: string): string | null {
  return graph.edges.find((e) => e.from === nodeId && e.port === port)?.to ?? null;
}

export function findNode(graph: FlowGraph, nodeId: string): FlowNode | undefined {
  return graph.nodes.find((n) => n.id === nodeId);
}

/** Where members enrolled by hand or through the API start: the flow's manual trigger. */
export function manualTrigger(graph: FlowGraph): FlowNode | undefined {
  return graph.nodes.find((n) => n.type === 'trigger.manual');
}
