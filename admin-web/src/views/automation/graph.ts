import type { FlowGraph, FlowGraphEdge, NodeType } from '@/api/types'

/** What a canvas node carries besides its id and position. */
export interface FlowNodeData {
  type: string
  config: Record<string, unknown>
}

/** The canvas's node shape (a subset of Vue Flow's, so this file stays free of the library). */
export interface CanvasNode {
  id: string
  type: 'flow'
  position: { x: number; y: number }
  data: FlowNodeData
}

export interface CanvasEdge {
  id: string
  source: string
  sourceHandle: string
  target: string
}

export function edgeId(e: FlowGraphEdge): string {
  return `${e.from}:${e.port}->${e.to}`
}

/** The saved draft as canvas elements; nodes saved without a position are laid out in a column. */
export function toCanvas(graph: FlowGraph): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const nodes = graph.nodes.map((n, i) => ({
    id: n.id,
    type: 'flow' as const,
    position: n.position ? { x: n.position.x, y: n.position.y } : { x: 80, y: 40 + i * 120 },
    data: { type: n.type, config: n.config ?? {} },
  }))
  const edges = graph.edges.map((e) => ({ id: edgeId(e), source: e.from, sourceHandle: e.port, target: e.to }))
  return { nodes, edges }
}

/** The canvas as the graph the server stores; positions are rounded so saves stay readable. */
export function fromCanvas(nodes: CanvasNode[], edges: CanvasEdge[]): FlowGraph {
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.data.type,
      config: n.data.config,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    })),
    edges: edges.map((e) => ({ from: e.source, port: e.sourceHandle, to: e.target })),
  }
}

/**
 * Output ports of a node. Dynamic-port types (A/B/n split) follow the server's rule: one port per
 * variant key plus `control` when there is a holdout; until the variants are filled in, the type's
 * default ports.
 */
export function portsOf(nodeType: Pick<NodeType, 'ports' | 'dynamicPorts'> | undefined, config: Record<string, unknown>): string[] {
  if (!nodeType) return []
  if (!nodeType.dynamicPorts) return nodeType.ports
  const variants = config.variants
  if (!Array.isArray(variants)) return nodeType.ports
  const keys = variants.map((v) => (v && typeof v === 'object' ? (v as { key?: unknown }).key : undefined))
  if (!keys.length || keys.some((k) => typeof k !== 'string' || !k)) return nodeType.ports
  const holdout = Number(config.holdoutPercent ?? 0)
  return [...new Set(keys as string[]), ...(holdout > 0 ? ['control'] : [])]
}

/** Edges still attached to an existing port of their source (a changed split config drops the rest). */
export function edgesOnPorts(edges: CanvasEdge[], portsById: (nodeId: string) => string[]): CanvasEdge[] {
  return edges.filter((e) => portsById(e.source).includes(e.sourceHandle))
}

/** A readable node id that is not taken yet: `wait_duration_2`. Ids allow letters, digits, _ and -. */
export function newNodeId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  const base = type.replace(/[^A-Za-z0-9_-]+/g, '_')
  for (let i = 1; ; i++) {
    const id = `${base}_${i}`
    if (!used.has(id)) return id
  }
}

/**
 * Whether a new edge may be drawn: one edge per output port, no self-loops. (Other rules,
 * like reaching every node from a trigger, are the server's validation.)
 */
export function canConnect(edges: CanvasEdge[], source: string, sourceHandle: string | null | undefined, target: string): boolean {
  if (!sourceHandle || source === target) return false
  return !edges.some((e) => e.source === source && e.sourceHandle === sourceHandle)
}
