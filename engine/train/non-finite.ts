// Finding the first non-finite number in a snapshot of a keep-'all' plan, in the executors' order: edge values in
// forward order, then edge and parameter gradients in backward order. `eval` and the blow-up replay both use it.
import type { Plan } from '../compile/plan';
import type { NonFinite, ProbeSnapshot } from '../executor';
import type { FloatArray } from '../tensor';

function allFinite(a: FloatArray | null | undefined): boolean {
  if (!a) return true;
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

/**
 * The first non-finite value or gradient in `snap` (taken from `plan`, which must keep every edge), named as the
 * executors name a blow-up: an edge id, `node.param` for a parameter's gradient, or a loss node's id for its output.
 */
export function firstNonFinite(plan: Plan, snap: ProbeSnapshot, step: number): NonFinite | null {
  const firstEdgeOf = (node: string): string | undefined => plan.edges.find((e) => e.source === node)?.id;
  const lossIds = new Set(plan.losses.map((l) => l.node));
  // A loss feeds no edge: with a single loss the objective is its value; with several, only their sum is known.
  const lossValueKnown = plan.losses.length === 1;
  const valueBad = (node: string): boolean => {
    const e = firstEdgeOf(node);
    if (e !== undefined) return !allFinite(snap.edges[e]?.value);
    return lossIds.has(node) && lossValueKnown && !Number.isFinite(snap.loss);
  };
  const nodes = [...plan.sources.map((s) => s.node), ...plan.forward.map((f) => f.node)];
  for (const node of nodes) {
    if (valueBad(node)) return { step, edge: firstEdgeOf(node) ?? node, which: 'value' };
  }
  if (plan.losses.length > 1 && !Number.isFinite(snap.loss)) return { step, edge: plan.losses[0].node, which: 'value' };
  for (const b of plan.backward) {
    if (b.kind !== 'backward') continue;
    for (const g of b.gradInputs) {
      if (g === null) continue;
      const e = plan.edges.find((x) => x.grad === g && x.target === b.node);
      if (e && !allFinite(snap.edges[e.id]?.grad)) return { step, edge: e.id, which: 'grad' };
    }
    for (const p of plan.params) {
      if (p.node === b.node && !allFinite(snap.params[p.key]?.grad)) return { step, edge: p.key, which: 'grad' };
    }
  }
  return null;
}
