// Shape inference: THE place node output shapes are computed (load-time checks, compile(), the editor's shape badges).
// Dims are numbers or 'B', the batch size.
import type { GraphDoc, GraphIssue, Result } from '../graph/types';
import type { Shape } from '../tensor';
import { analyse } from './analyse';

export interface PartialShapes {
  /** Every node whose shape could be inferred; nodes downstream of a problem are missing. */
  shapes: Map<string, Shape>;
  issues: GraphIssue[];
}

/** For half-built graphs (the editor): what could be inferred plus what is wrong. Never throws. */
export function inferShapesPartial(doc: GraphDoc): PartialShapes {
  const { shapes, issues } = analyse(doc);
  return { shapes, issues };
}

/** Node id → output shape, or the issues that prevent knowing every shape. */
export function inferShapes(doc: GraphDoc): Result<Map<string, Shape>> {
  const { shapes, issues } = analyse(doc);
  return issues.length ? { ok: false, errors: issues } : { ok: true, value: shapes };
}
