// Every op, forward and backward, on the GPU (Dawn in Node) against the CPU reference: every edge's value and
// gradient and every parameter after steps 1, 2 (the epoch's shorter last batch) and 3, an evaluation over more rows
// than a batch, each from the CPU's weights; and 30 steps of loss on their own; in both kernel shapes (one kernel per
// step, one dispatch per stage).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCpuExecutor } from '../../engine/cpu/executor';
import { createWebGpuExecutor } from '../../engine/webgpu/executor';
import type { NodeDevice } from '../../engine/webgpu/node-gpu';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import { OPS } from '../../engine/ops/registry';
import { BLOCKED_CASE, OP_CASES } from './harness/cases';
import { prepare } from '../../engine/train/prepare';
import { createSampler } from '../../engine/train/sampler';
import { buildStages, wgslOf } from '../../engine/webgpu/program';
import { compareLosses, compareSnapshots } from './harness/compare';
import { EXPECTED_ADAPTER, nodeDevice } from './harness/node-device';
import { runGraph, type MakeExecutor, type RunOptions } from './harness/run';

const OPTS: RunOptions = { probeSteps: [1, 1, 1], lossSteps: 30 };
let gpu: NodeDevice;

beforeAll(async () => {
  gpu = await nodeDevice();
});
afterAll(() => gpu?.device.destroy());

const cpuMake: MakeExecutor = async (plan, o) => createCpuExecutor(plan, o);
const gpuMake = (mode: 'single' | 'dispatch'): MakeExecutor => (plan, o) => createWebGpuExecutor(plan, { ...o, device: gpu.device, mode });

test(`runs on the expected WebGPU adapter (${EXPECTED_ADAPTER})`, () => {
  expect(gpu.architecture).toBe(EXPECTED_ADAPTER);
});

test('every op of the catalogue has WGSL kernels next to its CPU kernels (sources excepted)', () => {
  const missing = [...OPS.values()].filter((d) => !d.source && !d.wgsl).map((d) => d.op);
  expect(missing).toEqual([]);
});

test('the cases below exercise every op that has a kernel', () => {
  const used = new Set(OP_CASES.flatMap((c) => c.doc.nodes.map((n) => n.op)));
  expect([...OPS.keys()].filter((op) => !used.has(op))).toEqual([]);
});

// Every op in the single-kernel shape here; every op in the per-stage dispatch shape runs in Chromium
// (tests/webgpu/chromium-parity.test.ts), and a few here too, so both wrappers are covered in both places.
const DISPATCH_HERE = ['GELU (tanh)', 'Sub [B,1] − [B,3]', 'CrossEntropyLoss, Adam', 'Mean over dim 0 and Sum of everything, against Constants (two losses)'];
const RUNS = [
  ...OP_CASES.map((c) => [c.name, c, 'single'] as const),
  ...OP_CASES.filter((c) => DISPATCH_HERE.includes(c.name)).map((c) => [c.name, c, 'dispatch'] as const),
];

describe('GPU matches CPU', () => {
  test.each(RUNS.map(([n, c, m]) => [`${n} (${m} kernels)`, c, m] as const))('%s', async (_name, c, mode) => {
    expect(gpu.architecture).toBe(EXPECTED_ADAPTER);
    const cpu = await runGraph(c.doc, nodeDatasetReader, cpuMake, OPTS);
    const got = await runGraph(c.doc, nodeDatasetReader, gpuMake(mode), { ...OPTS, sync: cpu.paramsBefore });
    expect(got.mode).toBe(mode);
    const problems = [
      ...got.snapshots.flatMap((s, k) => compareSnapshots(`after step ${k + 1}`, s, cpu.snapshots[k])),
      ...compareSnapshots('evaluation', got.evaluation, cpu.evaluation),
      ...compareLosses('losses', got.losses, cpu.losses),
    ];
    expect(problems).toEqual([]);
    expect(got.snapshots.map((s) => s.rows)).toEqual([4, 2, 4]);
  }, 60_000);
});

test('larger Linear layers use blocked matrix products (4×4 per invocation) and still match the CPU', async () => {
  const p = await prepare(BLOCKED_CASE.doc, nodeDatasetReader);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  const { plan, config, data } = p.value;
  const lists = buildStages(plan, { batch: plan.batch, data: data.train, optimizer: config.optimizer, chunk: 256, stepsPerEpoch: createSampler(data.train.n, config).stepsPerEpoch });
  expect(lists.train.filter((s) => s.tiled).map((s) => s.name)).toEqual([
    'forward fc1 (Linear)', 'gradient of fc1.weight', 'gradient of fc1 (Linear) into port in',
  ]);
  expect(wgslOf(lists.train, 'dispatch')).toContain('var c0 = vec4f(0.0)');
  const cpu = await runGraph(BLOCKED_CASE.doc, nodeDatasetReader, cpuMake, { probeSteps: [1, 1], lossSteps: 20 });
  const got = await runGraph(BLOCKED_CASE.doc, nodeDatasetReader, gpuMake('dispatch'), { probeSteps: [1, 1], lossSteps: 20, sync: cpu.paramsBefore });
  expect([
    ...got.snapshots.flatMap((s, k) => compareSnapshots(`after step ${k + 1}`, s, cpu.snapshots[k])),
    ...compareSnapshots('evaluation', got.evaluation, cpu.evaluation),
    ...compareLosses('losses', got.losses, cpu.losses),
  ]).toEqual([]);
  expect(got.snapshots.map((s) => s.rows)).toEqual([50, 10]);
}, 90_000);
