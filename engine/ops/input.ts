// Input: the x columns of the data, [B, features], in `columns` order (graph-format.md).
// Pinned: `features` is required (int ≥ 1). `columns` is optional: 0-based column indices, or column names
// (strings, for data sets with a header), never mixed; its length must equal `features`. Omitted: the first
// `features` columns of the data, in order. The executor writes x into `out`; forward and backward do nothing.
import { z } from 'zod';
import type { OpDef } from './types';

export interface InputAttrs {
  features: number;
  columns?: number[] | string[];
}

const schema = z
  .strictObject({
    features: z.int().min(1),
    columns: z.union([z.array(z.int().min(0)), z.array(z.string().min(1).max(200))]).optional(),
  })
  .refine((a) => a.columns === undefined || a.columns.length === a.features, {
    message: '`columns` must list exactly `features` columns',
    path: ['columns'],
  });

export const input: OpDef<InputAttrs> = {
  op: 'Input',
  category: 'data',
  summary: 'the x columns of the data, [B, features]',
  inputs: [],
  attrs: schema,
  params: () => [],
  shape: (_inputs, a) => ({ shape: ['B', a.features] }),
  source: 'x',
  forward() {},
  backward() {},
};
