// Every lecture example on the GPU (Dawn in Node) against the CPU reference: one step's probes (every edge, every
// param) to 1e-5, an evaluation over the whole training set, and 200 steps of loss within 1e-3.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createCpuExecutor } from '../../engine/cpu/executor';
import { loadGraph } from '../../engine/graph/load';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import { createWebGpuExecutor } from '../../engine/webgpu/executor';
import type { NodeDevice } from '../../engine/webgpu/node-gpu';
import { compareLosses, compareSnapshots } from './harness/compare';
import { EXPECTED_ADAPTER, nodeDevice } from './harness/node-device';
import { runGraph, type MakeExecutor, type RunOptions } from './harness/run';

const DIR = new URL('../../public/examples/', import.meta.url);
const INDEX = JSON.parse(readFileSync(new URL('index.json', DIR), 'utf8')) as { examples: { file: string }[] };
export const EXAMPLE_FILES = INDEX.examples.map((e) => e.file);
const OPTS: RunOptions = { probeSteps: [1], lossSteps: 200 };

let gpu: NodeDevice;
beforeAll(async () => {
  gpu = await nodeDevice();
});
afterAll(() => gpu?.device.destroy());

const cpuMake: MakeExecutor = async (plan, o) => createCpuExecutor(plan, o);
const gpuMake: MakeExecutor = (plan, o) => createWebGpuExecutor(plan, { ...o, device: gpu.device });

test(`runs on the expected WebGPU adapter (${EXPECTED_ADAPTER})`, () => {
  expect(gpu.architecture).toBe(EXPECTED_ADAPTER);
});

test('there are examples to check', () => {
  expect(EXAMPLE_FILES.length).toBeGreaterThanOrEqual(7);
});

test.each(EXAMPLE_FILES)('%s: GPU matches CPU (one step, evaluation, 200 steps of loss)', async (file) => {
  const doc = loadGraph(readFileSync(new URL(file, DIR), 'utf8'));
  if (!doc.ok) throw new Error(`${file}: ${JSON.stringify(doc.errors)}`);
  expect(gpu.architecture).toBe(EXPECTED_ADAPTER);
  const cpu = await runGraph(doc.value, nodeDatasetReader, cpuMake, OPTS);
  const got = await runGraph(doc.value, nodeDatasetReader, gpuMake, { ...OPTS, sync: cpu.paramsBefore });
  expect([
    ...compareSnapshots('after step 1', got.snapshots[0], cpu.snapshots[0]),
    ...compareSnapshots('evaluation', got.evaluation, cpu.evaluation),
    ...compareLosses('losses', got.losses, cpu.losses),
  ]).toEqual([]);
  expect(got.losses).toHaveLength(200);
}, 90_000);
