// Target: the y of the data (graph-format.md).
// Pinned: either `features` (int ≥ 1, default 1): float targets [B, features]; or `classes` (K, int ≥ 2):
// class indices [B] (stored as floats 0..K−1). Giving both is refused. Parsed attrs hold exactly one of the two.
// The executor writes y into `out`; forward and backward do nothing.
import { z } from 'zod';
import type { OpDef } from './types';

export interface TargetAttrs {
  features?: number;
  classes?: number;
}

const schema = z
  .strictObject({
    features: z.int().min(1).optional(),
    classes: z.int().min(2).optional(),
  })
  .refine((a) => a.features === undefined || a.classes === undefined, {
    message: 'give `features` (float targets [B, F]) or `classes` (class indices [B]), not both',
  })
  .transform((a): TargetAttrs => (a.classes !== undefined ? { classes: a.classes } : { features: a.features ?? 1 }));

export const target: OpDef<TargetAttrs> = {
  op: 'Target',
  category: 'data',
  summary: 'the y of the data: [B, features] floats, or [B] class indices',
  inputs: [],
  attrs: schema,
  params: () => [],
  shape: (_inputs, a) => ({ shape: a.classes !== undefined ? ['B'] : ['B', a.features ?? 1] }),
  source: 'y',
  forward() {},
  backward() {},
};
