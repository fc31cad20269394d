// The op catalogue as the palette shows it: grouped by category, in the registry's order.
import { OPS } from '../../engine/ops/registry';
import type { AnyOpDef, OpCategory } from '../../engine/ops/types';

export const CATEGORIES: readonly { id: OpCategory; title: string }[] = [
  { id: 'data', title: 'Data' },
  { id: 'layers', title: 'Layers' },
  { id: 'activations', title: 'Activations' },
  { id: 'math', title: 'Math' },
  { id: 'losses', title: 'Losses' },
];

export function opsIn(category: OpCategory): AnyOpDef[] {
  return [...OPS.values()].filter((d) => d.category === category);
}

/** Ops matching a typed query (name first, then summary), for the quick-add list. */
export function searchOps(query: string): AnyOpDef[] {
  const q = query.trim().toLowerCase();
  const all = [...OPS.values()];
  if (!q) return all;
  const byName = all.filter((d) => d.op.toLowerCase().includes(q));
  const bySummary = all.filter((d) => !byName.includes(d) && (d.summary.toLowerCase().includes(q) || d.category.includes(q)));
  return [...byName.sort((a, b) => Number(!a.op.toLowerCase().startsWith(q)) - Number(!b.op.toLowerCase().startsWith(q))), ...bySummary];
}

/** The drag payload type from the palette to the canvas. */
export const OP_DRAG_TYPE = 'application/x-wiregrad-op';
