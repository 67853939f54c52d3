import { describe, expect, it } from 'vitest'
import { canConnect, edgesOnPorts, fromCanvas, newNodeId, portsOf, toCanvas } from './graph'
import type { FlowGraph } from '@/api/types'

const graph: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.manual', config: {}, position: { x: 10, y: 20 } },
    { id: 'split', type: 'split.ab', config: { variants: [{ key: 'a', percent: 50 }, { key: 'b', percent: 50 }] } },
    { id: 'end', type: 'goal.end', config: {}, position: { x: 10.4, y: 300.6 } },
  ],
  edges: [
    { from: 'start', port: 'next', to: 'split' },
    { from: 'split', port: 'a', to: 'end' },
  ],
}

describe('graph <-> canvas elements', () => {
  it('maps nodes and edges to Vue Flow elements with the port as source handle', () => {
    const { nodes, edges } = toCanvas(graph)
    expect(nodes[0]).toEqual({ id: 'start', type: 'flow', position: { x: 10, y: 20 }, data: { type: 'trigger.manual', config: {} } })
    expect(nodes[1].position).toEqual({ x: 80, y: 160 })
    expect(edges[1]).toEqual({ id: 'split:a->end', source: 'split', sourceHandle: 'a', target: 'end' })
  })

  it('round-trips, rounding positions and placing nodes saved without one', () => {
    const { nodes, edges } = toCanvas(graph)
    const back = fromCanvas(nodes, edges)
    expect(back.edges).toEqual(graph.edges)
    expect(back.nodes.map((n) => n.position)).toEqual([{ x: 10, y: 20 }, { x: 80, y: 160 }, { x: 10, y: 301 }])
    expect(back.nodes[1].config).toEqual(graph.nodes[1].config)
  })
})

describe('portsOf', () => {
  const split = { ports: ['a', 'b'], dynamicPorts: true }
  it('returns static ports for ordinary types and none for an unknown type', () => {
    expect(portsOf({ ports: ['yes', 'no'], dynamicPorts: false }, {})).toEqual(['yes', 'no'])
    expect(portsOf(undefined, {})).toEqual([])
  })
  it('gives a split one port per variant plus control with a holdout', () => {
    expect(portsOf(split, { variants: [{ key: 'x' }, { key: 'y' }, { key: 'z' }], holdoutPercent: 10 })).toEqual(['x', 'y', 'z', 'control'])
    expect(portsOf(split, { variants: [{ key: 'x' }, { key: 'y' }], holdoutPercent: 0 })).toEqual(['x', 'y'])
  })
  it('falls back to the default ports while variants are incomplete', () => {
    expect(portsOf(split, {})).toEqual(['a', 'b'])
    expect(portsOf(split, { variants: [{ key: 'x' }, { percent: 5 }] })).toEqual(['a', 'b'])
  })
})

describe('editing helpers', () => {
  it('drops edges whose port no longer exists', () => {
    const { edges } = toCanvas(graph)
    expect(edgesOnPorts(edges, (id) => (id === 'split' ? ['x'] : ['next'])).map((e) => e.id)).toEqual(['start:next->split'])
  })
  it('allows one edge per port and no self-loops', () => {
    const { edges } = toCanvas(graph)
    expect(canConnect(edges, 'start', 'next', 'end')).toBe(false)
    expect(canConnect(edges, 'split', 'b', 'end')).toBe(true)
    expect(canConnect(edges, 'split', 'b', 'split')).toBe(false)
    expect(canConnect(edges, 'split', null, 'end')).toBe(false)
  })
  it('makes readable ids that are not taken', () => {
    expect(newNodeId('wait.duration', ['wait_duration_1'])).toBe('wait_duration_2')
    expect(newNodeId('goal.end', [])).toBe('goal_end_1')
  })
})
