// Copy and paste of selected nodes, keeping the edges among them; a paste is one undo step with fresh ids.
import { castDraft } from 'immer';
import type { GraphEdge, GraphNode } from '../../engine/graph/types';
import { docStore, edit, setSelection, showStatus } from './docStore';
import { freshEdgeId, freshNodeId } from './ids';

interface Clip {
  nodes: GraphNode[];
  edges: GraphEdge[];
  pastes: number;
}

let clip: Clip | null = null;

export const PASTE_OFFSET = 40;

/** Copy the selected nodes and the edges between them. Returns how many nodes were copied. */
export function copySelection(): number {
  const { doc, selection } = docStore.getState();
  const ids = new Set(selection.nodes);
  if (!ids.size) return 0;
  clip = {
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    pastes: 0,
  };
  showStatus(`Copied ${ids.size} node${ids.size === 1 ? '' : 's'}`);
  return ids.size;
}

export function hasClipboard(): boolean {
  return clip !== null;
}

/** Paste the copied nodes offset from the originals (further on each paste), with new ids; selects them. */
export function paste(): string[] {
  if (!clip) return [];
  const c = clip;
  c.pastes += 1;
  const shift = PASTE_OFFSET * c.pastes;
  const doc = docStore.getState().doc;
  const rename = new Map<string, string>();
  const takenNodes = new Set<string>();
  for (const n of c.nodes) {
    const id = freshNodeId(doc, n.op, takenNodes);
    takenNodes.add(id);
    rename.set(n.id, id);
  }
  const takenEdges = new Set<string>();
  const edges = c.edges.map((e) => {
    const id = freshEdgeId(doc, takenEdges);
    takenEdges.add(id);
    return { ...e, id, source: rename.get(e.source) as string, target: rename.get(e.target) as string };
  });
  const nodes = c.nodes.map((n) => ({
    ...structuredClone(n),
    id: rename.get(n.id) as string,
    position: { x: (n.position?.x ?? 0) + shift, y: (n.position?.y ?? 0) + shift },
  }));
  edit('paste', (d) => {
    d.nodes.push(...castDraft(nodes));
    d.edges.push(...edges);
  });
  setSelection({ nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) });
  return nodes.map((n) => n.id);
}
