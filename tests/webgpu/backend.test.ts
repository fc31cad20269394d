// Choosing the backend: webgpu and auto run on the GPU when an adapter exists; without one, webgpu refuses clearly
// and auto falls back to the CPU (checked through the command line with no Vulkan driver); a device lost mid-run
// hands training to the CPU with the last weights, the optimiser state and the same step count (so the same
// minibatches follow), and says so.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import type { Plan } from '../../engine/compile/plan';
import { createCpuExecutor } from '../../engine/cpu/executor';
import type { DataRows, TrainConfig } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import { createExecutor } from '../../engine/train/backend';
import { prepare } from '../../engine/train/prepare';
import { createWebGpuExecutor } from '../../engine/webgpu/executor';
import { withCpuFallback } from '../../engine/webgpu/fallback';
import { OP_CASES } from './harness/cases';
import { compareLosses } from './harness/compare';
import { EXPECTED_ADAPTER, nodeDevice } from './harness/node-device';

const run = promisify(execFile);
const XOR = 'public/examples/xor-mlp.json';

async function prepared(doc: GraphDoc): Promise<{ plan: Plan; train: DataRows; config: TrainConfig }> {
  const p = await prepare(doc, nodeDatasetReader);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return { plan: p.value.plan, train: p.value.data.train, config: p.value.config };
}

/** The ReLU case trained on all 6 rows per step with plain SGD: a run that does not depend on where an epoch starts. */
function fullBatchDoc(): GraphDoc {
  const doc = structuredClone(OP_CASES.find((c) => c.name === 'ReLU')!.doc);
  doc.training!.batchSize = 6;
  doc.training!.optimizer = { type: 'sgd', lr: 0.05 };
  return doc;
}

test(`webgpu and auto run on the GPU when there is an adapter (${EXPECTED_ADAPTER})`, async () => {
  const { plan, train, config } = await prepared(fullBatchDoc());
  for (const choice of ['webgpu', 'auto'] as const) {
    const made = await createExecutor(plan, { train, config }, choice);
    if (!made.ok) throw new Error(made.errors);
    try {
      expect(made.value.executor.backend).toBe('webgpu');
      if (choice === 'auto') expect(made.value.note).toContain(EXPECTED_ADAPTER);
      expect((await made.value.executor.train(5)).steps).toBe(5);
    } finally {
      made.value.executor.dispose();
    }
  }
});

test('without a Vulkan driver, --backend webgpu refuses with a fix and --backend auto trains on the CPU', async () => {
  const env = { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' };
  const cli = (backend: string) => run('npx', ['tsx', 'engine/cli.ts', 'train', XOR, '--steps', '3', '--json', '--backend', backend], { env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  const [gpu, auto] = await Promise.all([cli('webgpu'), cli('auto')]);
  expect(gpu.code).toBe(1);
  expect(gpu.stderr).toMatch(/webgpu backend has no GPU to run on: No WebGPU adapter found.*Use --backend cpu/);
  expect(gpu.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  expect(auto.code).toBe(0);
  expect(JSON.parse(auto.stdout.trim().split('\n').pop() as string).steps).toBe(3);
}, 120_000);

test('a device lost mid-run: training carries on on the CPU from the last weights and step count, and says so', async () => {
  const { plan, train, config } = await prepared(fullBatchDoc());
  const reference = createCpuExecutor(plan, { train, config });
  await reference.train(50);
  const d = await nodeDevice();
  const notes: string[] = [];
  const gpu = await createWebGpuExecutor(plan, { train, config, device: d.device, ownDevice: true });
  const ex = withCpuFallback(gpu, { makeCpu: (resume) => createCpuExecutor(plan, { train, config, ...resume }), onFallback: (m) => notes.push(m) });
  try {
    expect((await ex.train(20)).steps).toBe(20);
    d.device.destroy();
    await gpu.lost;
    expect((await ex.train(30)).steps).toBe(30);
    expect(ex.backend).toBe('cpu');
    expect(ex.steps).toBe(50);
    expect(notes).toEqual([expect.stringMatching(/GPU device was lost.*continues on the CPU from step 20/)]);
    expect(compareLosses('losses', Array.from(await ex.losses(0)), Array.from(await reference.losses(0)))).toEqual([]);
    expect((await ex.snapshot()).step).toBe(50);
  } finally {
    ex.dispose();
  }
});

/** The ReLU case in minibatches of 4 of its 6 rows, shuffled: where a step falls in an epoch decides its rows. */
function minibatchDoc(optimizer: NonNullable<GraphDoc['training']>['optimizer']): GraphDoc {
  const doc = structuredClone(OP_CASES.find((c) => c.name === 'ReLU')!.doc);
  doc.training = { ...doc.training!, batchSize: 4, shuffle: true, optimizer };
  return doc;
}

const CONTINUATIONS: [string, NonNullable<GraphDoc['training']>['optimizer'], number][] = [
  // Plain SGD: the continued steps must be the uninterrupted run's, to 1e-4.
  ['SGD', { type: 'sgd', lr: 0.05 }, 1e-4],
  // Momentum and Adam's moments (and t) come over with the weights, read back with every loss block.
  ['SGD with momentum', { type: 'sgd', lr: 0.05, momentum: 0.9 }, 1e-4],
  ['Adam', { type: 'adam', lr: 0.01 }, 1e-4],
];

test.each(CONTINUATIONS)('%s: after device.destroy() the CPU continues the step count, the minibatch sequence and the optimiser', async (_, optimizer, tol) => {
  const { plan, train, config } = await prepared(minibatchDoc(optimizer));
  const reference = createCpuExecutor(plan, { train, config });
  await reference.train(40);
  const d = await nodeDevice();
  const notes: string[] = [];
  const made = await createExecutor(plan, { train, config, device: d.device, onNote: (m) => notes.push(m) }, 'webgpu');
  if (!made.ok) throw new Error(made.errors);
  const ex = made.value.executor;
  try {
    expect(ex.backend).toBe('webgpu');
    // 13 steps: mid-epoch (3 steps per epoch), so a sampler restarted at step 0 would take other rows.
    expect((await ex.train(13)).steps).toBe(13);
    d.device.destroy();
    expect(await ex.train(27)).toEqual({ steps: 27, nonFinite: null });
    expect(ex.backend).toBe('cpu');
    expect(ex.steps).toBe(40);
    expect((await ex.snapshot()).step).toBe(40);
    expect(notes).toEqual([expect.stringMatching(/GPU device was lost.*continues on the CPU from step 13 with the last weights and optimizer state/)]);
    const [got, want] = [Array.from(await ex.losses(0)), Array.from(await reference.losses(0))];
    expect(got.length).toBe(40);
    const off = got.map((v, i) => Math.abs(v - want[i]) / Math.max(Math.abs(want[i]), 1e-3)).filter((e, i) => i >= 13 && e > tol);
    expect(off).toEqual([]);
  } finally {
    ex.dispose();
  }
});

test('a device lost while train(n) runs: the CPU takes the steps the GPU did not report, n in all', async () => {
  const { plan, train, config } = await prepared(minibatchDoc({ type: 'sgd', lr: 0.05 }));
  const reference = createCpuExecutor(plan, { train, config });
  await reference.train(613);
  const d = await nodeDevice();
  const made = await createExecutor(plan, { train, config, device: d.device, onNote: () => {} }, 'webgpu');
  if (!made.ok) throw new Error(made.errors);
  const ex = made.value.executor;
  try {
    expect((await ex.train(13)).steps).toBe(13);
    const running = ex.train(600);
    d.device.destroy();
    expect(await running).toEqual({ steps: 600, nonFinite: null });
    expect(ex.backend).toBe('cpu');
    expect(ex.steps).toBe(613);
    expect(compareLosses('losses', Array.from(await ex.losses(0)), Array.from(await reference.losses(0)))).toEqual([]);
  } finally {
    ex.dispose();
  }
});
