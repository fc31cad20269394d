// What the user does to the graph, each one undo step (or a refusal with its reason on the status line).
import { castDraft } from 'immer';
import type { AttrValue, GraphDoc, NestedNumbers } from '../../engine/graph/types';
import { getOp } from '../../engine/ops/registry';
import { checkConnection, type Wire } from './connect';
import { starterAttrs } from './defaults';
import { docStore, edit, editQuietly, setSelection, showStatus } from './docStore';
import { freshEdgeId, freshNodeId } from './ids';
import { currentParams, nest, paramDecls, paramsFit } from './params';

export interface XY {
  x: number;
  y: number;
}

/** Add a node of `op` at `position`; selects it and returns its id (null if the op is unknown). */
export function addNode(op: string, position: XY): string | null {
  if (!getOp(op)) {
    showStatus(`unknown op ${op}`, 'error');
    return null;
  }
  const id = freshNodeId(docStore.getState().doc, op);
  edit(`add ${op}`, (d) => {
    d.nodes.push(castDraft({ id, op, attrs: starterAttrs(op), position: { x: Math.round(position.x), y: Math.round(position.y) } }));
  });
  setSelection({ nodes: [id], edges: [] });
  return id;
}

/** Connect an output to an input port, or refuse with the reason (shown on the status line and returned). */
export function connect(w: Wire): string | null {
  const doc = docStore.getState().doc;
  const check = checkConnection(doc, w);
  if (!check.ok) {
    showStatus(`Cannot connect ${w.source} → ${w.target}.${w.targetPort}: ${check.reason}`, 'error');
    return check.reason;
  }
  const id = freshEdgeId(doc);
  edit('connect', (d) => {
    d.edges.push({ id, ...w });
  });
  return null;
}

/** Delete nodes (with their edges) and edges, as one step. */
export function deleteElements(nodeIds: readonly string[], edgeIds: readonly string[]): void {
  if (!nodeIds.length && !edgeIds.length) return;
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  edit('delete', (d) => {
    d.edges = d.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
    d.nodes = d.nodes.filter((n) => !nodes.has(n.id));
  });
  setSelection({ nodes: [], edges: [] });
}

export function deleteSelection(): void {
  const { nodes, edges } = docStore.getState().selection;
  deleteElements(nodes, edges);
}

export function selectAll(): void {
  const { doc } = docStore.getState();
  setSelection({ nodes: doc.nodes.map((n) => n.id), edges: doc.edges.map((e) => e.id) });
}

/** Move nodes (a drag's intermediate positions go into the open group; see beginGroup). */
export function moveNodes(positions: Readonly<Record<string, XY>>): void {
  edit('move', (d) => {
    for (const n of d.nodes) {
      const p = positions[n.id];
      if (!p) continue;
      const x = Math.round(p.x), y = Math.round(p.y);
      // Same place is no change (and no undo step).
      if (n.position?.x !== x || n.position?.y !== y) n.position = { x, y };
    }
  });
}

export function setLabel(nodeId: string, label: string): void {
  edit('label', (d) => {
    const n = d.nodes.find((x) => x.id === nodeId);
    if (!n) return;
    if (label.trim() === '') delete n.label;
    else n.label = label.slice(0, 200);
  });
}

/**
 * Set one attr (or remove it with `undefined`: back to its default). Parameters that no longer fit the new attrs are
 * dropped (re-initialised from the seed), and the status line says so.
 */
export function setAttr(nodeId: string, name: string, value: AttrValue | undefined): string | null {
  let reinit: string | null = null;
  const refusal = edit(`set ${name}`, (d) => {
    const n = d.nodes.find((x) => x.id === nodeId);
    if (!n) return `no node ${nodeId}`;
    const attrs: Record<string, AttrValue> = { ...(n.attrs ?? {}) };
    if (value === undefined) delete attrs[name];
    else attrs[name] = value;
    const def = getOp(n.op);
    const parsed = def?.attrs.safeParse(attrs);
    if (parsed && !parsed.success) {
      return `${n.op} ${n.id}: ${name} ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
    }
    n.attrs = castDraft(attrs);
    if (n.params && !paramsFit({ ...n, attrs })) {
      delete n.params;
      const decls = paramDecls({ ...n, attrs });
      reinit = decls.map((p) => `${p.name} ${p.shape.join('×') || 'scalar'}`).join(', ');
    }
  });
  if (!refusal && reinit !== null) showStatus(`${nodeId}'s parameters no longer fit and were re-initialised (${reinit || 'none'})`);
  return refusal;
}

/** Set one parameter element (row-major index), materialising the node's current values first. */
export function setParamValue(nodeId: string, param: string, index: number, value: number): string | null {
  if (!Number.isFinite(value)) {
    showStatus(`${nodeId}.${param}: a weight must be a finite number`, 'error');
    return 'not finite';
  }
  return edit(`edit ${param}`, (d) => {
    const n = d.nodes.find((x) => x.id === nodeId);
    if (!n) return `no node ${nodeId}`;
    const cur = currentParams(docStore.getState().doc, n);
    const p = cur[param];
    if (!p || index < 0 || index >= p.values.length) return `${nodeId} has no parameter ${param}[${index}]`;
    p.values[index] = value;
    const params: Record<string, NestedNumbers> = {};
    for (const [name, v] of Object.entries(cur)) params[name] = nest(v.values, v.shape);
    n.params = params;
  });
}

/**
 * For the training side: write trained values (`${node}.${param}` → row-major numbers) into the document, without an
 * undo step, so they save, autosave and export. Unknown keys and wrong sizes are ignored.
 */
export function setParams(values: Readonly<Record<string, ArrayLike<number>>>): void {
  const doc = docStore.getState().doc;
  editQuietly((d) => {
    for (const [key, arr] of Object.entries(values)) {
      const dot = key.lastIndexOf('.');
      const n = d.nodes.find((x) => x.id === key.slice(0, dot));
      const docNode = doc.nodes.find((x) => x.id === key.slice(0, dot));
      if (!n || !docNode) continue;
      const decl = paramDecls(docNode).find((p) => p.name === key.slice(dot + 1));
      if (!decl || decl.shape.reduce((a, b) => a * b, 1) !== arr.length) continue;
      const params = { ...(n.params ?? {}) };
      // A node's params are all stored or none: fill the others from their current values.
      for (const [name, v] of Object.entries(currentParams(doc, docNode))) params[name] ??= nest(v.values, v.shape);
      params[decl.name] = nest(Array.from(arr, Number), decl.shape);
      n.params = params;
    }
  });
}

/** Forget trained weights: every node goes back to its seeded init. One undo step. */
export function clearParams(): void {
  edit('reset weights', (d) => {
    for (const n of d.nodes) delete n.params;
  });
}

export function renameGraph(name: string): void {
  edit('rename', (d) => {
    d.name = name.slice(0, 200);
  });
}

/** Replace the whole document (open, new, template) as one undo step, so a mistaken open can be undone. */
export function replaceDoc(doc: GraphDoc, label = 'open'): void {
  edit(label, () => doc);
  setSelection({ nodes: [], edges: [] });
}

/** Change the document's training settings (the training panel's fields), one undo step. */
export function setTraining(recipe: (t: NonNullable<GraphDoc['training']>) => void): void {
  edit('training settings', (d) => {
    d.training ??= {};
    recipe(d.training);
  });
}
