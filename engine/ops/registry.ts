// The op catalogue (graph-format.md, Op catalogue). One line per op; the op itself lives in its own file.
// Order is the palette's: grouped by category (data, layers, activations, math, losses).
import type { AnyOpDef, OpDef } from './types';
import { input } from './input';
import { target } from './target';
import { constant } from './constant';
import { parameter } from './parameter';
import { linear } from './linear';
import { relu } from './relu';
import { leakyRelu } from './leaky-relu';
import { sigmoid } from './sigmoid';
import { tanh } from './tanh';
import { gelu } from './gelu';
import { step } from './step';
import { softmax } from './softmax';
import { logSoftmax } from './log-softmax';
import { matmul } from './matmul';
import { add } from './add';
import { sub } from './sub';
import { mul } from './mul';
import { concat } from './concat';
import { sum } from './sum';
import { mean } from './mean';
import { mseLoss } from './losses/mse';
import { bceLoss } from './losses/bce';
import { bceWithLogitsLoss } from './losses/bce-with-logits';
import { crossEntropyLoss } from './losses/cross-entropy';
import { nllLoss } from './losses/nll';

// Sound because every call gets attrs parsed by the op's own `attrs` schema; the kernels' fields vary with A both ways.
const erase = <A>(d: OpDef<A>): AnyOpDef => d as unknown as AnyOpDef;

const ALL: readonly AnyOpDef[] = [
  // data
  erase(input), erase(target), erase(constant), erase(parameter),
  // layers
  erase(linear),
  // activations
  erase(relu), erase(leakyRelu), erase(sigmoid), erase(tanh), erase(gelu), erase(step), erase(softmax), erase(logSoftmax),
  // math
  erase(matmul), erase(add), erase(sub), erase(mul), erase(concat), erase(sum), erase(mean),
  // losses
  erase(mseLoss), erase(bceLoss), erase(bceWithLogitsLoss), erase(crossEntropyLoss), erase(nllLoss),
];

export const OPS: ReadonlyMap<string, AnyOpDef> = new Map(ALL.map((d) => [d.op, d]));

export function getOp(op: string): AnyOpDef | undefined {
  return OPS.get(op);
}

export const OP_NAMES: readonly string[] = ALL.map((d) => d.op);
