// Attrs a freshly added node starts with: the op's defaults, plus a sensible value for each required attr.
import type { AttrValue } from '../../engine/graph/types';
import { getOp } from '../../engine/ops/registry';

/** Required attrs have no default in the op's schema; these are what a student most often wants first. */
const STARTERS: Record<string, Record<string, AttrValue>> = {
  Input: { features: 2 },
  Target: { features: 1 },
  Linear: { in: 2, out: 2 },
  Constant: { value: 1 },
  Parameter: { shape: [] },
};

export function starterAttrs(op: string): Record<string, AttrValue> {
  const def = getOp(op);
  const starter = { ...(STARTERS[op] ?? {}) };
  if (!def) return starter;
  // Keep only what the op's schema accepts, in case an op changed its attrs.
  if (def.attrs.safeParse(starter).success) return starter;
  return def.attrs.safeParse({}).success ? {} : starter;
}
