// The op catalogue (graph-format.md, Op catalogue). One line per op; the op itself lives in its own file.
import type { AnyOpDef } from './types';
import { relu } from './relu';

const ALL: readonly AnyOpDef[] = [relu];

export const OPS: ReadonlyMap<string, AnyOpDef> = new Map(ALL.map((d) => [d.op, d]));

export function getOp(op: string): AnyOpDef | undefined {
  return OPS.get(op);
}

export const OP_NAMES: readonly string[] = ALL.map((d) => d.op);
