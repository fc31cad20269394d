// Where each edge's label sits (the middle of its curve, in flow coordinates), as the edges themselves compute it.
// A plain registry, not React state: moving a node re-renders its edges anyway, and the label layer only redraws.
export interface Anchor {
  x: number;
  y: number;
}

const anchors = new Map<string, Anchor>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const f of listeners) f();
}

export const labelAnchors = {
  set(id: string, x: number, y: number): void {
    const a = anchors.get(id);
    if (a && a.x === x && a.y === y) return;
    anchors.set(id, { x, y });
    changed();
  },
  delete(id: string): void {
    if (anchors.delete(id)) changed();
  },
  all(): ReadonlyMap<string, Anchor> {
    return anchors;
  },
  subscribe(f: () => void): () => void {
    listeners.add(f);
    return () => listeners.delete(f);
  },
  /** Tests: start from no edges. */
  clear(): void {
    anchors.clear();
    changed();
  },
};
