// Per-node heat maps for the canvas, split out of the decision-boundary message the worker already sends (no second
// prediction). Each node's entry keeps its identity while its numbers stay the same, so a new boundary re-renders
// only the nodes whose maps changed, and probes or curves never re-render any.
import { create } from 'zustand';
import type { BoundaryMsg } from './protocol';
import { useTraining } from './trainingStore';

/** One node's maps over the boundary grid: `units` interleaved values per grid point (row 0 = top). */
export interface NodeMaps {
  node: string;
  /** 'hidden': raw unit outputs, coloured by sign around their largest |value|; 'output': class-1 belief in [0, 1]. */
  kind: 'hidden' | 'output';
  units: number;
  size: number;
  values: Float32Array;
}

export interface NodeMapsState {
  show: boolean;
  /** Hidden nodes by id. */
  maps: Record<string, NodeMaps>;
  /** The model's output map (the decision boundary without points), for the node that feeds the loss. */
  output: NodeMaps | null;
}

export const useNodeMapsStore = create<NodeMapsState>()(() => ({ show: true, maps: {}, output: null }));

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

function keep(prev: NodeMaps | null | undefined, next: NodeMaps): NodeMaps {
  return prev && prev.node === next.node && prev.units === next.units && prev.size === next.size && sameValues(prev.values, next.values)
    ? prev
    : next;
}

const OUTPUT = '(output)';

/** Splits a boundary message into one entry per node, reusing the previous entry of any node whose maps did not change. */
export function ingestBoundary(b: BoundaryMsg | null): void {
  const st = useNodeMapsStore.getState();
  if (!b) {
    if (Object.keys(st.maps).length > 0 || st.output) useNodeMapsStore.setState({ maps: {}, output: null });
    return;
  }
  const maps: Record<string, NodeMaps> = {};
  for (const h of b.hidden) {
    maps[h.node] = keep(st.maps[h.node], { node: h.node, kind: 'hidden', units: h.units, size: b.size, values: h.values });
  }
  const output = keep(st.output, { node: OUTPUT, kind: 'output', units: 1, size: b.size, values: b.output });
  const keys = Object.keys(maps);
  const same = output === st.output && keys.length === Object.keys(st.maps).length && keys.every((k) => st.maps[k] === maps[k]);
  if (!same) useNodeMapsStore.setState({ maps, output });
}

// Follows the training store: a new boundary (or a reset to none) updates the per-node entries.
useTraining.subscribe((s, before) => {
  if (s.boundary !== before.boundary) ingestBoundary(s.boundary);
});
ingestBoundary(useTraining.getState().boundary);

/** This node's maps while the toggle is on; re-renders its subscriber only when this node's numbers change. */
export function useNodeMaps(nodeId: string, isOutput: boolean): NodeMaps | undefined {
  return useNodeMapsStore((s) => (!s.show ? undefined : (s.maps[nodeId] ?? (isOutput ? (s.output ?? undefined) : undefined))));
}

/** One unit's grid, de-interleaved: size*size values of unit `k`. */
export function unitGrid(m: NodeMaps, k: number): Float32Array {
  const n = m.size * m.size;
  if (m.units === 1) return m.values.subarray(0, n);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = m.values[i * m.units + k];
  return out;
}
