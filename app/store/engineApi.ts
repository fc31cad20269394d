// The editor's seam to the engine's document functions: load, save, shapes. One place to read a graph from text.
import { loadGraph } from '../../engine/graph/load';
import type { GraphDoc, GraphIssue, Result } from '../../engine/graph/types';
import { inferShapesPartial } from '../../engine/compile/shapes';
import { dataRows } from '../../engine/graph/budget';
import { MAX_TENSOR_ELEMENTS } from '../../engine/graph/limits';
import { formatShape, resolveShape, sizeOf } from '../../engine/tensor';

export { saveGraph } from '../../engine/graph/serialize';
export { loadGraph, inferShapesPartial };
export type { PartialShapes } from '../../engine/compile/shapes';

/** How the engine words an input port still waiting for its edge (engine/compile/analyse.ts). */
export const MISSING_EDGE = / has no edge$/;

/** Work in progress rather than a broken file: a port still waiting for its edge, or shapes that do not fit yet. */
function isUnfinished(issue: GraphIssue, shapeIssues: ReadonlySet<string>): boolean {
  if (MISSING_EDGE.test(issue.message)) return true;
  return shapeIssues.has(issue.message) && !/^cycle through/.test(issue.message);
}

export type EditorLoad = { ok: true; value: GraphDoc; unfinished: GraphIssue[] } | { ok: false; errors: GraphIssue[] };

/**
 * What the editor opens (files, links, autosave, templates): loadGraph's document; or, when loadGraph refuses only
 * because the graph is unfinished (unconnected ports, shapes that do not fit yet), the document as it is, so a
 * half-built graph survives a save and a reload. Everything else (JSON, schema, ids, ops, attrs, cycles, prototype
 * keys, sizes) still refuses it whole.
 */
export function loadForEditor(text: string): EditorLoad {
  const strict: Result<GraphDoc> = loadGraph(text);
  if (strict.ok) return { ok: true, value: strict.value, unfinished: [] };
  const onlyUnfinished = strict.errors.every((e) => MISSING_EDGE.test(e.message) || e.nodeId !== undefined);
  if (!onlyUnfinished) return strict;
  // loadGraph has checked everything but completeness; the text parses and passed its schema and structure checks.
  let doc: GraphDoc;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, '')) as GraphDoc;
  } catch {
    return strict;
  }
  const partial = inferShapesPartial(doc);
  const shapeIssues = new Set(partial.issues.map((i) => i.message));
  if (!strict.errors.every((e) => isUnfinished(e, shapeIssues))) return strict;
  // loadGraph skips the size budget when shapes are incomplete; apply it to the shapes that are known.
  const rows = dataRows(doc.training);
  const tooBig = doc.nodes.flatMap((n, i) => {
    const shape = partial.shapes.get(n.id);
    if (!shape || sizeOf(resolveShape(shape, rows)) <= MAX_TENSOR_ELEMENTS) return [];
    return [{ path: `nodes[${i}] (id "${n.id}")`, nodeId: n.id, message: `${n.op} ${n.id}: its output ${formatShape(shape)} is too large for ${rows} rows (the limit is ${MAX_TENSOR_ELEMENTS} elements per tensor)` }];
  });
  if (tooBig.length) return { ok: false, errors: [...tooBig, ...strict.errors] };
  return { ok: true, value: doc, unfinished: strict.errors };
}
