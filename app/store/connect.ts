// Whether the graph can take a new edge, and if not, why (in words a user can act on).
import type { GraphDoc, GraphEdge, GraphIssue } from '../../engine/graph/types';
import { getOp } from '../../engine/ops/registry';
import { inferShapesPartial, MISSING_EDGE } from './engineApi';

export { MISSING_EDGE };

export interface Wire {
  source: string;
  target: string;
  targetPort: string;
}

export type ConnectCheck = { ok: true } | { ok: false; reason: string };

function nameOf(doc: GraphDoc, id: string): string {
  const n = doc.nodes.find((x) => x.id === id);
  return n ? `${n.op} ${id}` : id;
}

/** The path source ⇝ … ⇝ target along existing edges, or null: adding target→source would close it into a cycle. */
function pathBetween(doc: GraphDoc, from: string, to: string): string[] | null {
  const prev = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length) {
    const cur = queue.shift() as string;
    if (cur === to) {
      const path = [cur];
      for (let p = cur; p !== from; ) path.unshift((p = prev.get(p) as string));
      return path;
    }
    for (const e of doc.edges) {
      if (e.source === cur && !prev.has(e.target)) {
        prev.set(e.target, cur);
        queue.push(e.target);
      }
    }
  }
  return null;
}

export function checkConnection(doc: GraphDoc, w: Wire): ConnectCheck {
  const target = doc.nodes.find((n) => n.id === w.target);
  const source = doc.nodes.find((n) => n.id === w.source);
  if (!target || !source) return { ok: false, reason: `no node ${!source ? w.source : w.target}` };
  const def = getOp(target.op);
  if (!def || !def.inputs.includes(w.targetPort)) {
    return { ok: false, reason: `${nameOf(doc, w.target)} has no input port \`${w.targetPort}\`` };
  }
  if (w.source === w.target) return { ok: false, reason: `${nameOf(doc, w.target)} cannot feed itself (graphs are acyclic)` };
  const taken = doc.edges.find((e) => e.target === w.target && e.targetPort === w.targetPort);
  if (taken) {
    if (taken.source === w.source) return { ok: false, reason: `${nameOf(doc, w.source)} already feeds port \`${w.targetPort}\` of ${w.target}` };
    return {
      ok: false,
      reason: `port \`${w.targetPort}\` of ${nameOf(doc, w.target)} already takes an edge from ${taken.source}; delete that edge first`,
    };
  }
  const loop = pathBetween(doc, w.target, w.source);
  if (loop) return { ok: false, reason: `that would make a cycle: ${[...loop, w.target].join(' → ')}` };
  const shapeIssue = newShapeIssue(doc, w);
  if (shapeIssue) return { ok: false, reason: shapeIssue };
  return { ok: true };
}

/** An input port still waiting for its edge: work in progress, not a reason to refuse. */
export function isMissingEdge(i: GraphIssue): boolean {
  return MISSING_EDGE.test(i.message);
}

/** A shape error at the target that the new edge would cause (issues already there before do not count). */
function newShapeIssue(doc: GraphDoc, w: Wire): string | null {
  const at = (i: GraphIssue) => i.nodeId === w.target && !isMissingEdge(i);
  const before = inferShapesPartial(doc).issues.filter(at).map((i) => i.message);
  const edge: GraphEdge = { id: '__candidate', ...w };
  const after = inferShapesPartial({ ...doc, edges: [...doc.edges, edge] }).issues.filter(at);
  const fresh = after.find((i) => !before.includes(i.message));
  return fresh ? fresh.message : null;
}
