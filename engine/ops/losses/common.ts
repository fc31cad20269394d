// What the losses share: the `reduction` attr ("mean" default | "sum"), the same-shape rule of the elementwise
// losses (MSE, BCE, BCEWithLogits: no broadcasting, so [B, 1] against [B] is refused with a fix), and the
// class-index rule of CrossEntropy / NLL (input [B, K], target [B]).
import { z } from 'zod';
import { formatShape, type Shape } from '../../tensor';
import { sameShape } from '../broadcast';
import type { ShapeResult } from '../types';

export interface LossAttrs {
  reduction: 'mean' | 'sum';
}

export const lossAttrs = z.strictObject({ reduction: z.enum(['mean', 'sum']).default('mean') });

export const LOSS_PORTS = ['input', 'target'] as const;

export function sameShapeLoss(op: string, [x, y]: readonly Shape[]): ShapeResult {
  if (sameShape(x, y)) return { shape: [] };
  let hint = '';
  if (x.length === 2 && x[1] === 1 && y.length === 1 && y[0] === x[0]) {
    hint = ': give the Target `features: 1` (so it is [B, 1]) instead of `classes`';
  } else if (y.length === 2 && y[1] === 1 && x.length === 1 && x[0] === y[0]) {
    hint = ': make the input [B, 1] (e.g. a Linear with `out: 1`) or the Target [B]';
  }
  return {
    error: `${op} needs \`input\` and \`target\` of the same shape, got input ${formatShape(x)} and target ${formatShape(y)}${hint}`,
    port: 'target',
  };
}

export function classIndexLoss(op: string, [x, y]: readonly Shape[]): ShapeResult {
  if (x.length !== 2) return { error: `${op} needs scores [B, K] on \`input\`, got ${formatShape(x)}`, port: 'input' };
  if (y.length !== 1) {
    return {
      error: `${op} needs class indices [B] on \`target\` (a Target with \`classes: K\`), got ${formatShape(y)}`,
      port: 'target',
    };
  }
  if (y[0] !== x[0]) {
    return { error: `${op}: \`input\` ${formatShape(x)} has ${String(x[0])} rows but \`target\` ${formatShape(y)} has ${String(y[0])}`, port: 'target' };
  }
  return { shape: [] };
}

/** The class index stored in a float, or −1 when it is not an integer in [0, K) (the loss then becomes NaN). */
export function classIndex(t: number, K: number): number {
  return Number.isInteger(t) && t >= 0 && t < K ? t : -1;
}
