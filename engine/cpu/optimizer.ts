// The optimiser over a machine's params: state arrays allocated once, one call per step, nothing allocated per step.
import type { Plan } from '../compile/plan';
import type { OptimizerConfig } from '../executor';
import type { FloatArray, FloatArrayCtor } from '../tensor';
import { allFinite } from './finite';
import { adamStep, sgdStep, type AdamOptions, type SgdOptions } from '../train/optimizers';

/** The optimiser's state between steps: what carries a run over to another executor (a lost GPU device). */
export interface OptimizerState {
  /** Updates taken (Adam's t). */
  t: number;
  /** By `${node}.${name}`: SGD's momentum buffer or Adam's first moment (absent: zeros). */
  m: Record<string, ArrayLike<number>>;
  /** By `${node}.${name}`: Adam's second moment (absent: zeros). */
  v: Record<string, ArrayLike<number>>;
}

export interface ParamSlot {
  /** `${node}.${name}`. */
  key: string;
  value: FloatArray;
  grad: FloatArray;
  /** Momentum buffer (SGD) or first moment (Adam). */
  m: FloatArray;
  /** Second moment (Adam). */
  v: FloatArray;
  /** The weights before the step being taken, to restore after a blow-up. */
  backup: FloatArray;
  /** m and v before the step being taken: a blown-up update must not leave its moments behind either. */
  mBackup: FloatArray;
  vBackup: FloatArray;
}

export interface Optimizer {
  slots: ParamSlot[];
  /** Optimiser steps taken (Adam's t; SGD's first momentum step is t === 1). */
  t: number;
  step(): void;
  /** Copies every param and the optimiser state (moments, t) into their backups (before an update). */
  save(): void;
  /** Puts back what save() kept: weights, moments and t, as if the failed update never ran. */
  restore(): void;
  /** All params finite after an update? */
  finite(): boolean;
  /** Carries on from another executor's state: t, and the moments of the params it names. */
  load(state: OptimizerState): void;
}

export function createOptimizer(plan: Plan, bufs: readonly FloatArray[], Ctor: FloatArrayCtor, cfg: OptimizerConfig): Optimizer {
  const slots: ParamSlot[] = [];
  const momentum = cfg.type === 'sgd' && cfg.momentum !== 0;
  for (const p of plan.params) {
    // A param no gradient reaches is left alone, as PyTorch skips params whose .grad is None.
    if (p.grad === null || p.unreached) continue;
    const n = bufs[p.value].length;
    const nm = cfg.type === 'adam' || momentum ? n : 0, nv = cfg.type === 'adam' ? n : 0;
    slots.push({
      key: p.key,
      value: bufs[p.value], grad: bufs[p.grad], m: new Ctor(nm), v: new Ctor(nv), backup: new Ctor(n),
      mBackup: new Ctor(nm), vBackup: new Ctor(nv),
    });
  }
  const sgd: SgdOptions = { lr: cfg.lr, momentum: cfg.momentum, weightDecay: cfg.weightDecay };
  const adam: AdamOptions = { lr: cfg.lr, beta1: cfg.betas[0], beta2: cfg.betas[1], eps: cfg.eps, weightDecay: cfg.weightDecay };
  let tBackup = 0;
  const o: Optimizer = {
    slots,
    t: 0,
    step() {
      o.t++;
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i];
        if (cfg.type === 'adam') adamStep(s.value, s.grad, s.m, s.v, o.t, adam);
        else sgdStep(s.value, s.grad, s.m, o.t === 1, sgd);
      }
    },
    save() {
      tBackup = o.t;
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i];
        s.backup.set(s.value);
        s.mBackup.set(s.m);
        s.vBackup.set(s.v);
      }
    },
    restore() {
      o.t = tBackup;
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i];
        s.value.set(s.backup);
        s.m.set(s.mBackup);
        s.v.set(s.vBackup);
      }
    },
    finite() {
      for (let i = 0; i < slots.length; i++) if (!allFinite(slots[i].value)) return false;
      return true;
    },
    load(state) {
      const put = (key: string, what: string, into: FloatArray, from: ArrayLike<number> | undefined) => {
        if (!from || into.length === 0) return;
        if (from.length !== into.length) throw new Error(`the optimizer's ${what} for parameter "${key}" has ${from.length} values, expected ${into.length}`);
        into.set(Array.from(from));
      };
      for (const s of slots) {
        put(s.key, cfg.type === 'adam' ? 'first moment' : 'momentum buffer', s.m, state.m[s.key]);
        put(s.key, 'second moment', s.v, state.v[s.key]);
      }
      o.t = state.t;
    },
  };
  return o;
}
