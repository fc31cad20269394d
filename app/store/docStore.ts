// The document store: the GraphDoc is the truth; selection, marks and the status line sit beside it.
// Lives outside React (a vanilla zustand store) so an error boundary can remount the view without losing the graph.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { applyPatches, castDraft, enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import type { GraphDoc, GraphIssue } from '../../engine/graph/types';

enablePatches();

/** One undo step. `inverse` applied in order undoes `patches`. */
export interface HistoryEntry {
  label: string;
  patches: Patch[];
  inverse: Patch[];
}

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export interface StatusMessage {
  text: string;
  kind: 'info' | 'error';
  /** Increments on every message, so the same text twice still announces. */
  seq: number;
}

export interface DocState {
  doc: GraphDoc;
  selection: Selection;
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
  /** An open coalescing group (a drag, a typed edit): edits merge into it until `endGroup`. */
  group: HistoryEntry | null;
  /** Marks set from outside the document (e.g. training: "NaN first appeared here"), by who set them. */
  marks: Readonly<Record<string, readonly GraphIssue[]>>;
  status: StatusMessage | null;
}

export const HISTORY_LIMIT = 200;

export function emptyDoc(name = 'untitled'): GraphDoc {
  return { format: 'wiregrad-graph', version: 1, name, nodes: [], edges: [] };
}

function initialState(doc: GraphDoc): DocState {
  return { doc, selection: { nodes: [], edges: [] }, past: [], future: [], group: null, marks: {}, status: null };
}

export const docStore = createStore<DocState>(() => initialState(emptyDoc()));

/** Select from the document store in React. Return primitives or stable references (immer keeps unchanged parts). */
export function useDoc<T>(selector: (s: DocState) => T): T {
  return useStore(docStore, selector);
}

/** Start over with `doc` and no history (tests, first load). */
export function resetDocStore(doc: GraphDoc = emptyDoc()): void {
  docStore.setState(initialState(doc), true);
}

/**
 * Change the document as one undo step (or into the open group). The recipe may return a reason string to refuse:
 * nothing changes and the reason goes to the status line. Returns the refusal or null.
 */
export function edit(label: string, recipe: (d: Draft<GraphDoc>) => void | string | GraphDoc): string | null {
  const s = docStore.getState();
  let refusal: string | null = null;
  const [next, patches, inverse] = produceWithPatches(s.doc, (d: Draft<GraphDoc>): Draft<GraphDoc> | undefined => {
    const r = recipe(d);
    if (typeof r === 'string') refusal = r;
    else if (r) return castDraft(r);
    return undefined;
  });
  if (refusal !== null) {
    showStatus(refusal, 'error');
    return refusal;
  }
  if (patches.length === 0) return null;
  if (s.group) {
    // Coalesce: forward patches in order; inverses newest first, so undo walks back to the group's start.
    const group = { label: s.group.label, patches: [...s.group.patches, ...patches], inverse: [...inverse, ...s.group.inverse] };
    docStore.setState({ doc: next, group, future: [] });
  } else {
    docStore.setState({ doc: next, past: trim([...s.past, { label, patches, inverse }]), future: [] });
  }
  return null;
}

/** Change the document without an undo step (trained weights written back, view state). */
export function editQuietly(recipe: (d: Draft<GraphDoc>) => void): void {
  const s = docStore.getState();
  const [next, patches] = produceWithPatches(s.doc, recipe);
  if (patches.length) docStore.setState({ doc: next });
}

function trim(past: HistoryEntry[]): HistoryEntry[] {
  return past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past;
}

/** Open a group: every edit until `endGroup` is one undo step (a drag from start to stop). */
export function beginGroup(label: string): void {
  const s = docStore.getState();
  if (s.group) endGroup();
  docStore.setState({ group: { label, patches: [], inverse: [] } });
}

export function endGroup(): void {
  const { group, past } = docStore.getState();
  if (!group) return;
  docStore.setState(group.patches.length ? { group: null, past: trim([...past, group]) } : { group: null });
}

export function canUndo(): boolean {
  return docStore.getState().past.length > 0;
}

export function canRedo(): boolean {
  return docStore.getState().future.length > 0;
}

export function undo(): void {
  endGroup();
  const { past, future, doc } = docStore.getState();
  const entry = past[past.length - 1];
  if (!entry) return;
  const prev = applyPatches(doc, entry.inverse);
  docStore.setState({ doc: prev, past: past.slice(0, -1), future: [...future, entry], selection: pruneSelection(prev) });
}

export function redo(): void {
  endGroup();
  const { past, future, doc } = docStore.getState();
  const entry = future[future.length - 1];
  if (!entry) return;
  const next = applyPatches(doc, entry.patches);
  docStore.setState({ doc: next, past: [...past, entry], future: future.slice(0, -1), selection: pruneSelection(next) });
}

/** The selection minus what no longer exists in `doc`. */
function pruneSelection(doc: GraphDoc): Selection {
  const { selection } = docStore.getState();
  const nodes = selection.nodes.filter((id) => doc.nodes.some((n) => n.id === id));
  const edges = selection.edges.filter((id) => doc.edges.some((e) => e.id === id));
  return nodes.length === selection.nodes.length && edges.length === selection.edges.length ? selection : { nodes, edges };
}

export function setSelection(selection: Selection): void {
  const cur = docStore.getState().selection;
  if (same(cur.nodes, selection.nodes) && same(cur.edges, selection.edges)) return;
  docStore.setState({ selection });
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

let statusSeq = 0;
/** Say something on the status line (role="status"): refusals, saves, storage trouble. */
export function showStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  docStore.setState({ status: { text, kind, seq: ++statusSeq } });
}

/**
 * Mark nodes, ports or edges with messages from `source` (e.g. 'training'); replaces that source's earlier marks.
 * Pass [] to clear. Marks show on the canvas (red outline, tooltip) and in the inspector.
 */
export function setMarks(source: string, issues: readonly GraphIssue[]): void {
  const marks = { ...docStore.getState().marks };
  if (issues.length) marks[source] = issues;
  else delete marks[source];
  docStore.setState({ marks });
}
