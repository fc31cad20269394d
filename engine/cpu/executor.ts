// The reference executor: the Plan replayed over Float32Array (or Float64Array for tests) with prepared steps.
// The hot loop (train) touches only arrays and prepared closures: no Maps, no strings, no allocation per step.
import type { Plan } from '../compile/plan';
import type { DataRows, Executor, NonFinite, ProbeSnapshot, TrainConfig, TrainResult } from '../executor';
import type { FloatArray, FloatArrayCtor } from '../tensor';
import { createSampler, type BatchRef } from '../train/sampler';
import { gather, sourceSlots } from './gather';
import { createMachine, objective, programFor, runBackward, runForward, type Machine } from './machine';
import { createOptimizer, type OptimizerState } from './optimizer';
import { gradsFinite, locateNonFinite, overflowedParamName, takeSnapshot } from './probe';

export interface CpuExecutorOptions {
  train: DataRows;
  config: TrainConfig;
  /** 'f32' (default) as PyTorch's float32; 'f64' for gradient checks. */
  dtype?: 'f32' | 'f64';
  /**
   * Steps already taken elsewhere (a run carried over from a lost GPU device): `steps` starts here and the minibatch
   * sequence continues from this step. losses() then holds only the steps taken here.
   */
  startStep?: number;
  /** The optimiser's state as of startStep; without it momentum and Adam's moments (and t) start from zero. */
  optimizerState?: OptimizerState;
}

export function createCpuExecutor(plan: Plan, opts: CpuExecutorOptions): Executor {
  const Ctor: FloatArrayCtor = opts.dtype === 'f64' ? Float64Array : Float32Array;
  const data = opts.train;
  const sampler = createSampler(data.n, opts.config);
  const main = createMachine(plan, Ctor, Math.max(plan.batch, 1));
  if (data.n > 0 && sampler.batchSize > plan.batch) {
    throw new Error(`the plan was compiled for batches of ${plan.batch} rows, but training uses batches of ${sampler.batchSize}`);
  }
  for (const p of plan.params) main.bufs[p.value].set(p.initial);
  const paramStore = new Map<number, FloatArray>(plan.params.map((p) => [p.value, main.bufs[p.value]]));
  const trainSlots = sourceSlots(plan, main.bufs, data);
  const opt = createOptimizer(plan, main.bufs, Ctor, opts.config.optimizer);
  if (opts.optimizerState) opt.load(opts.optimizerState);
  // Every step's views, for full minibatches and for the one shorter last batch, are prepared here.
  if (data.n > 0) {
    programFor(plan, main, sampler.batchSize);
    programFor(plan, main, sampler.lastRows);
  }
  const order = new Int32Array(data.n);
  const batch: BatchRef = { epoch: -1, start: 0, rows: 0 };
  let orderEpoch = -1;
  const startStep = Math.max(0, Math.floor(opts.startStep ?? 0));
  let steps = startStep;
  // lossLog[k] is the loss of step startStep + k.
  let lossLog = new Float32Array(4096);
  // What snapshot() shows: the machine and rows of the last step or evaluate(); updated in place (no object per step).
  // Doubles live in typed arrays: a double passed to a call or kept in a closure would be boxed, an allocation per step.
  const last = { m: main, rows: 0, any: false };
  const lastLoss = new Float64Array(1);
  const show = (m: Machine, rows: number): void => {
    last.m = m;
    last.rows = rows;
    last.any = true;
  };
  const lossBufs = plan.losses.map((l) => main.bufs[l.out]);
  // evaluate() over more rows than the plan's batch gets its own storage; predict() always does, so asking for a
  // prediction (decision boundaries, accuracy) never changes what snapshot() shows.
  let evalMachine: Machine | null = null;
  let predictMachine: Machine | null = null;
  const machineFor = (rows: number, forPredict: boolean): Machine => {
    if (forPredict) {
      if (!predictMachine || predictMachine.capacity < rows) predictMachine = createMachine(plan, Ctor, Math.max(rows, 1), paramStore);
      return predictMachine;
    }
    if (rows <= main.capacity) return main;
    if (!evalMachine || evalMachine.capacity < rows) evalMachine = createMachine(plan, Ctor, rows, paramStore);
    return evalMachine;
  };

  const trainStep = (): NonFinite | null => {
    sampler.batchInto(steps, batch);
    if (batch.epoch !== orderEpoch) {
      sampler.epochOrderInto(batch.epoch, order);
      orderEpoch = batch.epoch;
    }
    gather(trainSlots, data, order, batch.start, batch.rows);
    const prog = programFor(plan, main, batch.rows);
    runForward(prog);
    runBackward(prog);
    let loss = 0;
    for (let i = 0; i < lossBufs.length; i++) loss += lossBufs[i][0];
    lastLoss[0] = loss;
    if (loss - loss !== 0 || !gradsFinite(plan, main)) {
      // The probes then show the failing step's values, so the view can point at where they went non-finite.
      show(main, batch.rows);
      return locateNonFinite(plan, main, prog, steps);
    }
    opt.save();
    opt.step();
    if (!opt.finite()) {
      // Found before restoring: afterwards every param is finite again.
      const bad = plan.params.find((p) => p.grad !== null && !p.unreached && main.bufs[p.value].some((x) => !Number.isFinite(x)));
      opt.restore();
      return { step: steps, edge: overflowedParamName(plan, bad), which: 'value' };
    }
    lossLog[steps - startStep] = loss;
    steps++;
    show(main, batch.rows);
    return null;
  };

  const load = (rows: DataRows, forPredict: boolean): Machine => {
    const m = machineFor(rows.n, forPredict);
    gather(sourceSlots(plan, m.bufs, rows), rows, null, 0, rows.n);
    return m;
  };

  return {
    backend: 'cpu',
    plan,
    get steps() {
      return steps;
    },
    async train(n: number): Promise<TrainResult> {
      if (data.n === 0) throw new Error('there are no training rows to train on');
      if (plan.losses.length === 0) throw new Error('the graph has no loss node, so there is nothing to train (it can still be evaluated)');
      const logged = steps - startStep;
      if (logged + n > lossLog.length) {
        // Grown per call in big chunks, never inside the step loop.
        const grown = new Float32Array(Math.max(lossLog.length * 2, logged + n, 4096));
        grown.set(lossLog.subarray(0, logged));
        lossLog = grown;
      }
      const start = steps;
      for (let i = 0; i < n; i++) {
        const bad = trainStep();
        if (bad) return { steps: steps - start, nonFinite: bad };
      }
      return { steps: steps - start, nonFinite: null };
    },
    async losses(from: number): Promise<Float32Array> {
      return lossLog.slice(Math.max(0, from - startStep), steps - startStep);
    },
    async snapshot(): Promise<ProbeSnapshot> {
      return last.any ? takeSnapshot(plan, last.m, last.rows, steps, lastLoss[0]) : takeSnapshot(plan, main, 0, steps, NaN);
    },
    async evaluate(rows: DataRows): Promise<ProbeSnapshot> {
      const m = load(rows, false);
      const prog = programFor(plan, m, rows.n);
      runForward(prog);
      runBackward(prog);
      const loss = objective(plan, m.bufs);
      lastLoss[0] = loss;
      show(m, rows.n);
      return takeSnapshot(plan, m, rows.n, steps, loss);
    },
    async predict(rows: DataRows, node: string): Promise<FloatArray> {
      const n = plan.nodes.find((x) => x.id === node);
      if (!n) throw new Error(`there is no node "${node}" to predict from`);
      const m = load(rows, true);
      const prog = programFor(plan, m, rows.n);
      // Stop right after the node: with reused buffers ('params' plans) a later step may overwrite its output.
      runForward(prog, prog.forwardEnd.get(node));
      const size = n.outShape.reduce<number>((s, d) => s * (d === 'B' ? rows.n : d), 1);
      return m.bufs[n.out].slice(0, size);
    },
    async getParams(): Promise<Record<string, Float32Array>> {
      const out: Record<string, Float32Array> = {};
      for (const p of plan.params) out[p.key] = Float32Array.from(main.bufs[p.value]);
      return out;
    },
    async setParams(values: Record<string, ArrayLike<number>>): Promise<void> {
      for (const [key, v] of Object.entries(values)) {
        const p = plan.params.find((x) => x.key === key);
        if (!p) throw new Error(`there is no parameter "${key}" (parameters: ${plan.params.map((x) => x.key).join(', ') || 'none'})`);
        const buf = main.bufs[p.value];
        if (v.length !== buf.length) throw new Error(`parameter "${key}" has ${buf.length} values, got ${v.length}`);
      }
      for (const [key, v] of Object.entries(values)) {
        const p = plan.params.find((x) => x.key === key);
        if (p) main.bufs[p.value].set(Array.from(v));
      }
    },
    dispose() {
      main.programs.length = 0;
      evalMachine = null;
      predictMachine = null;
      last.any = false;
    },
  };
}
