// React Flow's nodes and edges, derived from the document with stable identities: an unchanged node keeps its object,
// so React Flow and memo'd node components skip it.
import type { Edge, Node } from '@xyflow/react';
import type { GraphEdge, GraphNode } from '../../engine/graph/types';

export type OpFlowNode = Node<{ node: GraphNode }, 'op'>;
export type FlowEdge = Edge<Record<string, never>, 'value'>;
export interface Measured {
  width: number;
  height: number;
}

export function nodeDeriver(): (nodes: readonly GraphNode[], selected: ReadonlySet<string>, measured: ReadonlyMap<string, Measured>) => OpFlowNode[] {
  let cache = new Map<string, OpFlowNode>();
  return (nodes, selected, measured) => {
    const next = new Map<string, OpFlowNode>();
    const out = nodes.map((n) => {
      const prev = cache.get(n.id);
      const sel = selected.has(n.id);
      const m = measured.get(n.id);
      const f: OpFlowNode =
        prev && prev.data.node === n && prev.selected === sel && prev.measured === m
          ? prev
          : {
              id: n.id,
              type: 'op',
              position: n.position ?? { x: 0, y: 0 },
              data: { node: n },
              selected: sel,
              measured: m,
              ariaLabel: `${n.op} node ${n.label ?? n.id}`,
            };
      next.set(n.id, f);
      return f;
    });
    cache = next;
    return out;
  };
}

export function edgeDeriver(): (edges: readonly GraphEdge[], selected: ReadonlySet<string>) => FlowEdge[] {
  let cache = new Map<string, FlowEdge>();
  return (edges, selected) => {
    const next = new Map<string, FlowEdge>();
    const out = edges.map((e) => {
      const prev = cache.get(e.id);
      const sel = selected.has(e.id);
      const f: FlowEdge =
        prev && prev.source === e.source && prev.target === e.target && prev.targetHandle === e.targetPort && prev.selected === sel
          ? prev
          : {
              id: e.id,
              source: e.source,
              target: e.target,
              sourceHandle: 'out',
              targetHandle: e.targetPort,
              type: 'value',
              selected: sel,
              ariaLabel: `edge from ${e.source} to ${e.target} port ${e.targetPort}`,
            };
      next.set(e.id, f);
      return f;
    });
    cache = next;
    return out;
  };
}
