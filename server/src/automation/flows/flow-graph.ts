/** A flow's graph: nodes (a type and its config) wired port → node by edges. */
export interface FlowNode {
  id: string;
  type: string;
  config: Record<string, unknown>;
  position?: { x: number; y: number };
}

export interface FlowEdge {
  from: string;
  port: string;
  to: string;
}

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export const EMPTY_GRAPH: FlowGraph = { nodes: [], edges: [] };

export const MAX_NODES = 200;

/**
 * The shape of a graph (JSON Schema). A draft may be unfinished (configs incomplete, ports
 * unwired), but it must be a graph; the size caps keep a draft from growing without bound.
 */
export const GRAPH_SCHEMA = {
  type: 'object',
  required: ['nodes', 'edges'],
  additionalProperties: false,
  properties: {
    nodes: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['id', 'type', 'config'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          type: { type: 'string', minLength: 1, maxLength: 64 },
          config: { type: 'object' },
          position: { type: 'object', required: ['x', 'y'], additionalProperties: false, properties: { x: { type: 'number' }, y: { type: 'number' } } },
        },
      },
    },
    edges: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['from', 'port', 'to'],
        additionalProperties: false,
        properties: { from: { type: 'string', maxLength: 64 }, port: { type: 'string', maxLength: 32 }, to: { type: 'string', maxLength: 64 } },
      },
    },
  },
};
