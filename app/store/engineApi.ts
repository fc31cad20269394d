// The editor's seam to the engine's document functions (load, save, shapes).
// Interim: load and save are minimal stand-ins until engine/graph/load.ts and serialize.ts land; then re-exports.
import type { GraphDoc, Result } from '../../engine/graph/types';
export { inferShapesPartial, type PartialShapes } from '../../engine/compile/shapes';

export function loadGraph(text: string): Result<GraphDoc> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '(file)', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  if (typeof raw !== 'object' || raw === null) return { ok: false, errors: [{ path: '(file)', message: 'expected an object' }] };
  const o = raw as Record<string, unknown>;
  if (o.format !== 'wiregrad-graph' || o.version !== 1) {
    return { ok: false, errors: [{ path: 'format', message: 'expected format "wiregrad-graph", version 1' }] };
  }
  if (!Array.isArray(o.nodes) || !Array.isArray(o.edges)) {
    return { ok: false, errors: [{ path: 'nodes', message: 'expected arrays `nodes` and `edges`' }] };
  }
  return { ok: true, value: raw as GraphDoc };
}

export function saveGraph(doc: GraphDoc): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

