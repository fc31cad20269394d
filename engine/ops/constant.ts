// Constant: torch.tensor(value). Pinned: `value` is a finite number (shape []), a non-empty array ([n]) or a
// non-empty rectangular array of arrays ([m, n]). No batch dimension; no gradient flows into it from anywhere.
import { z } from 'zod';
import { constantOnnx } from '../export/spell';
import type { OpDef } from './types';
import { f32 } from '../webgpu/kernel-types';

export type ConstantValue = number | number[] | number[][];
export interface ConstantAttrs {
  value: ConstantValue;
}

const schema = z.strictObject({
  value: z
    .union([z.number(), z.array(z.number()).min(1), z.array(z.array(z.number()).min(1)).min(1)])
    .refine(isRectangular, { message: 'rows of `value` must all have the same length' }),
});

function isRectangular(v: ConstantValue): boolean {
  if (!Array.isArray(v)) return true;
  const widths = v.map((row) => (Array.isArray(row) ? row.length : -1));
  return widths.every((w) => w === widths[0]);
}

export function constantShape(v: ConstantValue): number[] {
  if (!Array.isArray(v)) return [];
  const first = v[0];
  return Array.isArray(first) ? [v.length, first.length] : [v.length];
}

export const constant: OpDef<ConstantAttrs> = {
  op: 'Constant',
  category: 'data',
  summary: 'a fixed tensor: a number, a vector or a matrix',
  inputs: [],
  attrs: schema,
  params: () => [],
  shape: (_inputs, a) => ({ shape: constantShape(a.value) }),
  wgsl: {
    kind: 'custom',
    forward: ({ attrs, out }) => {
      const flat = [attrs.value].flat(2).map(Number);
      if (flat.length === 1) return { count: out.shape, body: out.set('i', f32(flat[0])) };
      return { count: out.shape, body: `var c = array<f32, ${flat.length}>(${flat.map(f32).join(', ')});\n${out.set('i', 'c[i]')}` };
    },
    gradInputs: [],
  },
  forward({ attrs: { value: v }, out }) {
    const o = out.data;
    if (!Array.isArray(v)) {
      o[0] = v;
      return;
    }
    let k = 0;
    for (let i = 0; i < v.length; i++) {
      const row = v[i];
      if (Array.isArray(row)) for (let j = 0; j < row.length; j++) o[k++] = row[j];
      else o[k++] = row;
    }
  },
  backward() {},
  // A buffer of the model (self.<name>), so it moves with the weights under .to(device).
  torch: { buffer: (a) => a.value, forward: (_a, c) => `self.${c.name}` },
  onnx: { emit: (a, c) => constantOnnx(a.value, c) },
};
