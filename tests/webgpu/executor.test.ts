// The WebGPU executor's behaviour beyond parity: blow-ups stop training like the CPU executor, training never maps
// a buffer per step, probes can be asked for while training runs, predict/getParams/setParams, the WGSL debug switch.
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { Plan } from '../../engine/compile/plan';
import { createCpuExecutor } from '../../engine/cpu/executor';
import type { DataRows, TrainConfig } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import { prepare } from '../../engine/train/prepare';
import { createWebGpuExecutor } from '../../engine/webgpu/executor';
import type { NodeDevice } from '../../engine/webgpu/node-gpu';
import { doc, edge, node, rows, sgd } from '../compile/build';
import { compiled } from '../cpu/harness';
import { OP_CASES } from './harness/cases';
import { EXPECTED_ADAPTER, nodeDevice } from './harness/node-device';

let gpu: NodeDevice;
beforeAll(async () => {
  gpu = await nodeDevice();
});
afterAll(() => gpu?.device.destroy());

async function prepared(doc: GraphDoc): Promise<{ plan: Plan; train: DataRows; config: TrainConfig }> {
  const p = await prepare(doc, nodeDatasetReader);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return { plan: p.value.plan, train: p.value.data.train, config: p.value.config };
}

const reluCase = (): GraphDoc => structuredClone(OP_CASES.find((c) => c.name === 'ReLU')!.doc);

test(`runs on the expected WebGPU adapter (${EXPECTED_ADAPTER})`, () => {
  expect(gpu.architecture).toBe(EXPECTED_ADAPTER);
});

test('a value that overflows stops training at that step and names the same edge as the CPU executor', async () => {
  const doc = structuredClone(OP_CASES.find((c) => c.name.startsWith('Add [B,3] + Parameter'))!.doc);
  const data = doc.training!.data as { inline: { x: number[][]; y: number[][] } };
  data.inline.x[3] = [1e30, 0.5e30, -0.7e30];
  doc.training!.shuffle = false;
  const { plan, train, config } = await prepared(doc);
  const cpu = createCpuExecutor(plan, { train, config });
  const ex = await createWebGpuExecutor(plan, { train, config, device: gpu.device });
  try {
    const [a, b] = [await cpu.train(5), await ex.train(5)];
    expect(a.nonFinite).not.toBeNull();
    expect(b).toEqual(a);
    expect(ex.steps).toBe(cpu.steps);
    expect(Array.from(await ex.losses(0))).toEqual(Array.from(await cpu.losses(0)));
    // Weights are those from before the failed step: the same as the CPU's.
    const [pc, pg] = [await cpu.getParams(), await ex.getParams()];
    for (const k of Object.keys(pc)) expect(Array.from(pg[k])).toEqual(Array.from(pc[k]).map((v) => expect.closeTo(v, 6)));
  } finally {
    ex.dispose();
  }
});

test('an update that overflows keeps the weights from before it and names the parameter', async () => {
  const doc = reluCase();
  const data = doc.training!.data as { inline: { x: number[][]; y: number[][] } };
  data.inline.x = data.inline.x.map((r) => r.map((v) => v * 1e5));
  doc.training!.optimizer = { type: 'sgd', lr: 1e30 };
  const { plan, train, config } = await prepared(doc);
  const ex = await createWebGpuExecutor(plan, { train, config, device: gpu.device });
  try {
    const before = await ex.getParams();
    const r = await ex.train(3);
    expect(r.steps).toBe(0);
    // fc1's weight is the first param the update pushes past float32, named as the CPU executor names it.
    expect(r.nonFinite).toEqual({ step: 0, edge: 'fc1.weight', which: 'value' });
    expect(await createCpuExecutor(plan, { train, config }).train(3)).toEqual(r);
    expect(await ex.getParams()).toEqual(before);
    expect(ex.steps).toBe(0);
  } finally {
    ex.dispose();
  }
});

test('train(n) maps one loss block per submit, never a buffer per step, and submits once per chunk', async () => {
  const { plan, train, config } = await prepared(reluCase());
  const ex = await createWebGpuExecutor(plan, { train, config, device: gpu.device, chunk: 100 });
  const mapAsync = vi.spyOn(GPUBuffer.prototype, 'mapAsync');
  const submit = vi.spyOn(GPUQueue.prototype, 'submit');
  try {
    await ex.train(1000);
    expect(ex.steps).toBe(1000);
    expect(mapAsync.mock.calls.length).toBe(10);
    expect(submit.mock.calls.length).toBe(10);
    expect((await ex.losses(0)).length).toBe(1000);
  } finally {
    mapAsync.mockRestore();
    submit.mockRestore();
    ex.dispose();
  }
});

test('a snapshot asked for while training runs does not hold training up', async () => {
  const { plan, train, config } = await prepared(reluCase());
  const ex = await createWebGpuExecutor(plan, { train, config, device: gpu.device });
  try {
    await ex.train(1);
    const pending = ex.snapshot();
    const r = await ex.train(50);
    expect(r.steps).toBe(50);
    expect((await pending).step).toBeGreaterThanOrEqual(1);
    const s = await ex.snapshot();
    expect(s.step).toBe(51);
    expect(Object.keys(s.edges)).toEqual(plan.edges.map((e) => e.id));
  } finally {
    ex.dispose();
  }
});

test('predict over more rows than a batch, and params round-trip through setParams', async () => {
  const { plan, train, config } = await prepared(reluCase());
  const cpu = createCpuExecutor(plan, { train, config });
  const ex = await createWebGpuExecutor(plan, { train, config, device: gpu.device });
  try {
    const params = Object.fromEntries(Object.entries(await cpu.getParams()).map(([k, v]) => [k, v.map((x) => x * 1.5)]));
    await cpu.setParams(params);
    await ex.setParams(params);
    expect(await ex.getParams()).toEqual(await cpu.getParams());
    const [a, b] = [await cpu.predict(train, 'fc2'), await ex.predict(train, 'fc2')];
    expect(b.length).toBe(train.n);
    b.forEach((v, i) => expect(v).toBeCloseTo(a[i], 5));
    await expect(ex.setParams({ 'nope.weight': [1] })).rejects.toThrow(/no parameter "nope.weight"/);
  } finally {
    ex.dispose();
  }
});

test('WIREGRAD_DEBUG_WGSL=1 prints the generated WGSL', async () => {
  const { plan, train, config } = await prepared(reluCase());
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  process.env.WIREGRAD_DEBUG_WGSL = '1';
  try {
    const ex = await createWebGpuExecutor(plan, { train, config, device: gpu.device });
    ex.dispose();
    const printed = err.mock.calls.map((c) => String(c[0])).join('\n');
    expect(printed).toContain('wiregrad WGSL: training step');
    expect(printed).toContain('@compute');
  } finally {
    delete process.env.WIREGRAD_DEBUG_WGSL;
    err.mockRestore();
  }
});

test("unwatched training (keep: 'params', buffers reused by liveness) gives the CPU's weights and losses", async () => {
  const doc = structuredClone(OP_CASES.find((c) => c.name === 'CrossEntropyLoss, Adam')!.doc);
  const p = await prepare(doc, nodeDatasetReader, 'params');
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  const { plan, config, data } = p.value;
  expect(plan.keep).toBe('params');
  const cpu = createCpuExecutor(plan, { train: data.train, config });
  const ex = await createWebGpuExecutor(plan, { train: data.train, config, device: gpu.device });
  try {
    await cpu.train(20);
    await ex.train(20);
    const [a, b] = [await cpu.losses(0), await ex.losses(0)];
    b.forEach((v, i) => expect(v).toBeCloseTo(a[i], 4));
    const [pc, pg] = [await cpu.getParams(), await ex.getParams()];
    for (const k of Object.keys(pc)) pg[k].forEach((v, i) => expect(v).toBeCloseTo(pc[k][i], 4));
  } finally {
    ex.dispose();
  }
});

test('an update that overflows also puts the momentum back, as the CPU executor does', async () => {
  // loss = (x·w)² at x = 1: w's gradient is 2w. With lr 1e20, w = 1 steps to a finite -3.8e20, but w = 1e19 (finite
  // loss 1e38, gradient 2e19) steps past float32's 3.4e38. A momentum buffer left holding 2e19 would then make the
  // next step from w = 1 overflow too.
  const d = doc(
    [node('x', 'Input', { features: 1 }), node('y', 'Target', { features: 1 }), node('w', 'Parameter', { shape: [1] }, { value: [1] }), node('mul', 'Mul'), node('loss', 'MSELoss')],
    [edge('x', 'mul', 'a', 'ex'), edge('w', 'mul', 'b', 'ew'), edge('mul', 'loss', 'input', 'em'), edge('y', 'loss', 'target', 'ey')],
  );
  const plan = compiled(d, 1);
  const opts = { train: rows([[1]], [[0]]), config: sgd(1e20, 1, {}, 0.9) };
  const cpu = createCpuExecutor(plan, opts);
  const ex = await createWebGpuExecutor(plan, { ...opts, device: gpu.device });
  try {
    for (const e of [cpu, ex]) {
      expect(await e.train(1)).toEqual({ steps: 1, nonFinite: null });
      await e.setParams({ 'w.value': [1e19] });
      expect(await e.train(1)).toEqual({ steps: 0, nonFinite: { step: 1, edge: 'ew', which: 'value' } });
      await e.setParams({ 'w.value': [1] });
      expect(await e.train(1)).toEqual({ steps: 1, nonFinite: null });
    }
    // buf = 0.9·2 + 2 = 3.8, so w = 1 − 1e20·3.8.
    expect((await ex.getParams())['w.value'][0]).toBeCloseTo(-3.8e20, -15);
    expect(Array.from((await ex.getParams())['w.value'])).toEqual(Array.from((await cpu.getParams())['w.value']).map((v) => expect.closeTo(v, -15)));
  } finally {
    ex.dispose();
  }
});
