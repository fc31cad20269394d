// The WebGPU executor: the same Plan as the CPU executor, on the GPU. Pipelines, buffers and the bind group are
// made once; `train(n)` records n whole steps (forward, objective, backward, check, optimiser) into few submits;
// the data set lives on the GPU and each step gathers its minibatch there from the sampler's orders.
// Nothing is read back inside the step loop: losses come back in blocks, probes through a staging ring.
import type { Plan } from '../compile/plan';
import type { DataRows, Executor, NonFinite, ProbeSnapshot, TrainConfig, TrainResult } from '../executor';
import type { OptimizerState } from '../cpu/optimizer';
import { overflowedParamName } from '../cpu/probe';
import type { FloatArray } from '../tensor';
import { createSampler, type BatchRef } from '../train/sampler';
import { Arena, Pipelines, type RunMode } from './gpu';
import { TABLE_STRIDE, U, type Layout } from './layout';
import { STATE_WORDS, StagingRing, decodeProbe, encodeProbeCopy, locateNonFinite, probeBytes, snapshotOf } from './probes';
import { buildStages, chooseMode, type StageLists } from './program';

export interface WebGpuExecutorOptions {
  train: DataRows;
  config: TrainConfig;
  /** A device to run on (Node: engine/webgpu/node-gpu.ts); default: the browser's navigator.gpu. */
  device?: GPUDevice;
  /** 'single': a whole step in one kernel; 'dispatch': one dispatch per stage; 'auto' by size. */
  mode?: RunMode | 'auto';
  /** Steps per submit (and per loss block). */
  chunk?: number;
  /** Destroy `device` on dispose (it was made for this executor alone). */
  ownDevice?: boolean;
}

export interface WebGpuExecutor extends Executor {
  readonly mode: RunMode;
  /** The generated WGSL of a training step (also printed with WIREGRAD_DEBUG_WGSL=1). */
  readonly wgsl: string;
  /** Dispatches recorded per training step (0 in single mode: one dispatch runs every step of a submit). */
  readonly dispatchesPerStep: number;
  /** Resolves when the GPU device is lost, with its reason. */
  readonly lost: Promise<string>;
  /** The weights as of the last loss block read (kept on the CPU side, for carrying on after a lost device). */
  lastParams(): Record<string, Float32Array>;
  /** The optimiser state (momentum or Adam's moments, and t) read with the same block as lastParams(). */
  lastOptimizerState(): OptimizerState;
  /** The step count lastParams() and lastOptimizerState() belong to. */
  readonly lastStep: number;
}

interface Ctx {
  lists: StageLists;
  arena: Arena;
  mode: RunMode;
}

export async function defaultDevice(): Promise<GPUDevice> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) throw new Error('this environment has no WebGPU (navigator.gpu is missing); use the cpu backend');
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('WebGPU is present but offers no adapter on this machine; use the cpu backend');
  return adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize } });
}

export async function createWebGpuExecutor(plan: Plan, opts: WebGpuExecutorOptions): Promise<WebGpuExecutor> {
  const ownDevice = !opts.device || opts.ownDevice === true;
  const device = opts.device ?? (await defaultDevice());
  let lostReason: string | null = null;
  const lost = device.lost.then((info) => (lostReason = info.message || String(info.reason)));
  const data = opts.train;
  const cfg = opts.config;
  const sampler = createSampler(data.n, cfg);
  if (data.n > 0 && sampler.batchSize > plan.batch) {
    throw new Error(`the plan was compiled for batches of ${plan.batch} rows, but training uses batches of ${sampler.batchSize}`);
  }
  const chunk = Math.max(1, opts.chunk ?? 256);
  const lists = buildStages(plan, { batch: plan.batch, data, optimizer: cfg.optimizer, chunk, stepsPerEpoch: sampler.stepsPerEpoch });
  const L = lists.layout;
  const arena = new Arena(device, L);
  const mode: RunMode = opts.mode && opts.mode !== 'auto' ? opts.mode : chooseMode(lists.train.length ? lists.train : lists.evaluate, plan.batch);
  const trainPipes = lists.train.length ? await Pipelines.create(arena, lists.train, mode, 1, 'training step') : null;

  // Initial contents: params, the seed 1, the data set.
  for (const p of plan.params) arena.writeA(L.offset[p.value], Float32Array.from(p.initial));
  if (plan.seed !== null) arena.writeA(L.offset[plan.seed], Float32Array.of(1));
  uploadData(arena, L, data);
  arena.writeU(0, new Uint32Array(STATE_WORDS));

  const ring = new StagingRing(device, probeBytes(L));
  // Each loss block also brings back the params and the optimiser state: a lost device then loses nothing.
  const blockBytes = (chunk + STATE_WORDS + L.paramEnd + L.optStateLen) * 4;
  const blockPool: GPUBuffer[] = [];
  const takeBlock = () => blockPool.pop() ?? device.createBuffer({ label: 'wiregrad loss block', size: blockBytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const lastParams = new Float32Array(L.paramEnd);
  for (const p of plan.params) lastParams.set(p.initial, L.offset[p.value]);
  const lastOpt = new Float32Array(L.optStateLen);
  let lastStep = 0;
  let steps = 0;
  let history: Float32Array = new Float32Array(256);
  let lastEval: ProbeSnapshot | null = null;
  let aux: (Ctx & { n: number; predict: Map<string, Pipelines>; evaluate: Pipelines | null }) | null = null;

  // Per-step table (rows, where its row indices are, Adam's step size and bias correction) and the orders it uses.
  const tableWords = new Uint32Array(TABLE_STRIDE * chunk + L.orderCap);
  const tableF = new Float32Array(tableWords.buffer);
  const order = new Int32Array(data.n);
  const ref: BatchRef = { epoch: 0, start: 0, rows: 0 };
  const writeChunk = (base: number, k: number) => {
    const orderAt = new Map<number, number>();
    let used = 0;
    const [b1, b2] = cfg.optimizer.betas;
    for (let j = 0; j < k; j++) {
      sampler.batchInto(base + j, ref);
      let at = orderAt.get(ref.epoch);
      if (at === undefined) {
        at = used;
        sampler.epochOrderInto(ref.epoch, order);
        tableWords.set(order, TABLE_STRIDE * chunk + used);
        orderAt.set(ref.epoch, at);
        used += data.n;
      }
      const t = base + j + 1;
      const w = TABLE_STRIDE * j;
      tableWords[w] = ref.rows;
      tableWords[w + 1] = L.orderStart + at + ref.start;
      tableF[w + 2] = cfg.optimizer.lr / (1 - Math.pow(b1, t));
      tableF[w + 3] = Math.sqrt(1 - Math.pow(b2, t));
    }
    arena.writeU(U.base, Uint32Array.of(base));
    arena.writeU(U.nsteps, Uint32Array.of(k));
    arena.writeU(U.table, tableWords.subarray(0, TABLE_STRIDE * chunk + used));
  };

  const alive = () => {
    if (lostReason !== null) throw new Error(`the GPU device was lost (${lostReason})`);
  };

  const readBuffer = async (src: GPUBuffer, offset: number, bytes: number): Promise<ArrayBuffer> => {
    const staging = device.createBuffer({ size: Math.max(16, Math.ceil(bytes / 4) * 4), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = device.createCommandEncoder();
    enc.copyBufferToBuffer(src, offset, staging, 0, Math.ceil(bytes / 4) * 4);
    device.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const out = staging.getMappedRange().slice(0, bytes);
    staging.destroy();
    return out;
  };

  const auxFor = async (rows: DataRows): Promise<NonNullable<typeof aux>> => {
    if (aux && aux.n === rows.n) return aux;
    aux?.arena.destroy();
    const l = buildStages(plan, { batch: Math.max(rows.n, 1), data: rows, optimizer: null, chunk: 1, stepsPerEpoch: 1 });
    const a = new Arena(device, l.layout);
    aux = { n: rows.n, lists: l, arena: a, mode: chooseMode(l.evaluate, Math.max(rows.n, 1)), predict: new Map(), evaluate: null };
    return aux;
  };

  /** Params from the training arena, the rows, identity order: ready for one evaluation or prediction. */
  const loadAux = (c: Ctx, rows: DataRows, enc: GPUCommandEncoder) => {
    const l = c.lists.layout;
    enc.copyBufferToBuffer(arena.a, 0, c.arena.a, 0, L.paramEnd * 4);
    if (plan.seed !== null) c.arena.writeA(l.offset[plan.seed], Float32Array.of(1));
    uploadData(c.arena, l, rows);
    const words = new Uint32Array(U.table + TABLE_STRIDE + rows.n);
    words[U.nsteps] = 1;
    words[U.table] = rows.n;
    words[U.table + 1] = l.orderStart;
    for (let i = 0; i < rows.n; i++) words[l.orderStart + i] = i;
    c.arena.writeU(0, words);
  };

  const runAux = async (c: Ctx, pipes: Pipelines, rows: DataRows, after: (enc: GPUCommandEncoder) => GPUBuffer): Promise<ArrayBuffer> => {
    const enc = device.createCommandEncoder();
    loadAux(c, rows, enc);
    const pass = enc.beginComputePass();
    pass.setBindGroup(0, c.arena.bindGroup);
    pipes.encode(pass, 1);
    pass.end();
    const staging = after(enc);
    device.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const out = staging.getMappedRange().slice(0);
    staging.destroy();
    return out;
  };

  const exec: WebGpuExecutor = {
    backend: 'webgpu',
    plan,
    mode,
    wgsl: trainPipes?.code ?? '',
    dispatchesPerStep: trainPipes?.dispatchesPerStep ?? 0,
    lost: lost.then(() => lostReason ?? 'lost'),
    get steps() {
      return steps;
    },
    lastParams() {
      return Object.fromEntries(plan.params.map((p) => [p.key, lastParams.slice(L.offset[p.value], L.offset[p.value] + L.size[p.value])]));
    },
    lastOptimizerState() {
      // Each mirror sits at the same offset from its start as the param it belongs to (see layout.ts).
      const mirror = (offsets: number[]) => Object.fromEntries(plan.params.flatMap((p, k) =>
        offsets[k] < 0 ? [] : [[p.key, lastOpt.slice(offsets[k] - L.optState, offsets[k] - L.optState + L.size[p.value])]]));
      return { t: lastStep, m: mirror(cfg.optimizer.type === 'adam' ? L.adamM : L.momentum), v: mirror(L.adamV) };
    },
    get lastStep() {
      return lastStep;
    },
    async train(n: number): Promise<TrainResult> {
      if (data.n === 0) throw new Error('there are no training rows to train on');
      if (!trainPipes) throw new Error('the graph has no loss node, so there is nothing to train (it can still be evaluated)');
      alive();
      const start = steps;
      const blocks: { buffer: GPUBuffer; base: number; k: number }[] = [];
      for (let done = 0; done < n; ) {
        const k = Math.min(chunk, n - done);
        const base = start + done;
        writeChunk(base, k);
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass();
        pass.setBindGroup(0, arena.bindGroup);
        trainPipes.encode(pass, k);
        pass.end();
        const block = takeBlock();
        enc.copyBufferToBuffer(arena.a, L.lossHist * 4, block, 0, k * 4);
        enc.copyBufferToBuffer(arena.u, 0, block, chunk * 4, STATE_WORDS * 4);
        if (L.paramEnd) enc.copyBufferToBuffer(arena.a, 0, block, (chunk + STATE_WORDS) * 4, L.paramEnd * 4);
        if (L.optStateLen) enc.copyBufferToBuffer(arena.a, L.optState * 4, block, (chunk + STATE_WORDS + L.paramEnd) * 4, L.optStateLen * 4);
        done += k;
        const probe = done >= n ? ring.take() : null;
        if (probe) encodeProbeCopy(enc, arena.a, arena.u, L, probe);
        device.queue.submit([enc.finish()]);
        blocks.push({ buffer: block, base, k });
      }
      let flag = 0;
      let badStep = 0;
      for (const b of blocks) {
        await b.buffer.mapAsync(GPUMapMode.READ);
        const bytes = b.buffer.getMappedRange();
        const state = new Uint32Array(bytes, chunk * 4, STATE_WORDS);
        const taken = flag ? 0 : Math.min(b.k, Math.max(0, state[U.step] - b.base));
        if (b.base + taken > history.length) history = grow(history, b.base + taken);
        history.set(new Float32Array(bytes, 0, taken), b.base);
        if (!flag) steps = b.base + taken;
        if (state[U.flag] && !flag) {
          flag = state[U.flag];
          badStep = state[U.bad];
        }
        if (state[U.flag] !== 2) {
          lastParams.set(new Float32Array(bytes, (chunk + STATE_WORDS) * 4, L.paramEnd));
          lastOpt.set(new Float32Array(bytes, (chunk + STATE_WORDS + L.paramEnd) * 4, L.optStateLen));
          lastStep = steps;
        }
        b.buffer.unmap();
        blockPool.push(b.buffer);
      }
      lastEval = null;
      if (!flag) return { steps: steps - start, nonFinite: null };
      const bytes = await ring.read();
      const probe = bytes ? decodeProbe(bytes, L) : null;
      let nonFinite: NonFinite;
      if (flag === 2) {
        // The update itself overflowed: name the param, and put back the weights from before it.
        const bad = plan.params.find((p) => p.grad !== null && !p.unreached && probe?.arena.subarray(L.offset[p.value], L.offset[p.value] + L.size[p.value]).some((v) => !Number.isFinite(v)));
        nonFinite = { step: badStep, edge: overflowedParamName(plan, bad), which: 'value' };
        // A buffer cannot be copied onto itself: go through a temporary. The backup holds the params, then the
        // optimiser state; what was restored is also what a lost device would carry over from.
        const words = L.paramEnd + L.optStateLen;
        const tmp = device.createBuffer({ size: words * 4, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
        const enc = device.createCommandEncoder();
        enc.copyBufferToBuffer(arena.a, L.backup * 4, tmp, 0, words * 4);
        enc.copyBufferToBuffer(tmp, 0, arena.a, 0, L.paramEnd * 4);
        if (L.optStateLen) enc.copyBufferToBuffer(tmp, L.paramEnd * 4, arena.a, L.optState * 4, L.optStateLen * 4);
        device.queue.submit([enc.finish()]);
        const restored = new Float32Array(await readBuffer(tmp, 0, words * 4));
        tmp.destroy();
        lastParams.set(restored.subarray(0, L.paramEnd));
        lastOpt.set(restored.subarray(L.paramEnd));
        lastStep = steps;
      } else {
        nonFinite = probe ? locateNonFinite(plan, L, probe, badStep) : { step: badStep, edge: plan.losses[0]?.node ?? '', which: 'value' };
      }
      arena.writeU(U.flag, Uint32Array.of(0));
      return { steps: steps - start, nonFinite };
    },
    async losses(from: number): Promise<Float32Array> {
      return history.slice(Math.max(0, from), steps);
    },
    async snapshot(): Promise<ProbeSnapshot> {
      alive();
      if (lastEval) return lastEval;
      const bytes = ring.hasProbe ? await ring.read() : null;
      if (!bytes) {
        const empty = decodeProbe(await readBuffer(arena.a, 0, L.probeEnd * 4).then((a) => concat(a, STATE_WORDS)), L);
        return snapshotOf(plan, L, empty, 0, steps, NaN);
      }
      const p = decodeProbe(bytes, L);
      const rows = p.state[U.rows];
      return snapshotOf(plan, L, p, rows, steps, steps ? history[steps - 1] : p.arena[L.objective]);
    },
    async evaluate(rows: DataRows): Promise<ProbeSnapshot> {
      alive();
      const c = await auxFor(rows);
      c.evaluate ??= await Pipelines.create(c.arena, c.lists.evaluate, c.mode, 1, 'evaluation');
      const l = c.lists.layout;
      const ringless = device.createBuffer({ size: probeBytes(l), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      const bytes = await runAux(c, c.evaluate, rows, (enc) => {
        encodeProbeCopy(enc, c.arena.a, c.arena.u, l, ringless);
        return ringless;
      });
      const p = decodeProbe(bytes, l);
      lastEval = snapshotOf(plan, l, p, rows.n, steps, p.arena[l.objective]);
      return lastEval;
    },
    async predict(rows: DataRows, node: string): Promise<FloatArray> {
      alive();
      const n = plan.nodes.find((x) => x.id === node);
      if (!n) throw new Error(`there is no node "${node}" to predict from`);
      const c = await auxFor(rows);
      let pipes = c.predict.get(node);
      if (!pipes) {
        pipes = await Pipelines.create(c.arena, c.lists.predict(node), c.mode, 1, `prediction of ${node}`);
        c.predict.set(node, pipes);
      }
      const l = c.lists.layout;
      const size = n.outShape.reduce<number>((s, d) => s * (d === 'B' ? rows.n : d), 1);
      const bytes = await runAux(c, pipes, rows, (enc) => {
        const staging = device.createBuffer({ size: Math.max(16, size * 4), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
        if (size) enc.copyBufferToBuffer(c.arena.a, l.offset[n.out] * 4, staging, 0, size * 4);
        return staging;
      });
      return new Float32Array(bytes, 0, size).slice();
    },
    async getParams(): Promise<Record<string, Float32Array>> {
      alive();
      const all = new Float32Array(await readBuffer(arena.a, 0, L.paramEnd * 4));
      const out: Record<string, Float32Array> = {};
      for (const p of plan.params) out[p.key] = all.slice(L.offset[p.value], L.offset[p.value] + L.size[p.value]);
      return out;
    },
    async setParams(values: Record<string, ArrayLike<number>>): Promise<void> {
      alive();
      for (const [key, v] of Object.entries(values)) {
        const p = plan.params.find((x) => x.key === key);
        if (!p) throw new Error(`there is no parameter "${key}" (parameters: ${plan.params.map((x) => x.key).join(', ') || 'none'})`);
        if (v.length !== L.size[p.value]) throw new Error(`parameter "${key}" has ${L.size[p.value]} values, got ${v.length}`);
      }
      for (const [key, v] of Object.entries(values)) {
        const p = plan.params.find((x) => x.key === key);
        if (!p) continue;
        arena.writeA(L.offset[p.value], Float32Array.from(v));
        lastParams.set(Array.from(v), L.offset[p.value]);
      }
      lastEval = null;
    },
    dispose() {
      ring.destroy();
      arena.destroy();
      aux?.arena.destroy();
      for (const b of blockPool) b.destroy();
      if (ownDevice) device.destroy();
    },
  };
  return exec;
}

function uploadData(arena: Arena, L: Layout, rows: DataRows): void {
  arena.writeA(L.x, Float32Array.from(rows.x.subarray(0, rows.n * rows.xFeatures)));
  arena.writeA(L.y, Float32Array.from(rows.y.subarray(0, rows.n * rows.yFeatures)));
}

function grow(a: Float32Array, n: number): Float32Array {
  const out = new Float32Array(Math.max(n, a.length * 2));
  out.set(a);
  return out;
}

function concat(a: ArrayBuffer, extraWords: number): ArrayBuffer {
  const out = new Uint8Array(a.byteLength + extraWords * 4);
  out.set(new Uint8Array(a));
  return out.buffer;
}
