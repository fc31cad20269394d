// A param the objective does not reach (a dead-end Parameter, shown with a zero gradient) is left alone by the
// optimiser, as torch skips a param whose .grad is None: weight decay and momentum must not move it on the GPU either.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createCpuExecutor } from '../../engine/cpu/executor';
import type { OptimizerConfig } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import { createWebGpuExecutor } from '../../engine/webgpu/executor';
import type { NodeDevice } from '../../engine/webgpu/node-gpu';
import { edge, mlp, node, rows, sgd } from '../compile/build';
import { compiled } from '../cpu/harness';
import { compareLosses } from './harness/compare';
import { EXPECTED_ADAPTER, nodeDevice } from './harness/node-device';

let gpu: NodeDevice;
beforeAll(async () => {
  gpu = await nodeDevice();
});
afterAll(() => gpu?.device.destroy());

const DATA = rows([[0.5, -1], [2, 0.25], [-1, 1], [0.3, 0.7]], [[1], [0], [2], [-1]]);

/** mlp(3) plus a Parameter v feeding an Add nobody reads: v is unreached. */
function withDeadParam(): GraphDoc {
  const d = mlp(3);
  d.nodes.push(node('v', 'Parameter', { shape: [2] }, { value: [1, 2] }), node('vx', 'Add'));
  d.edges.push(edge('v', 'vx', 'a', 'e_v'), edge('x', 'vx', 'b', 'e_xv'));
  return d;
}

const base = { momentum: 0, weightDecay: 0.1, betas: [0.9, 0.999] as [number, number], eps: 1e-8 };
const OPTIMIZERS: [string, OptimizerConfig][] = [
  ['SGD with weight decay', { ...base, type: 'sgd', lr: 0.05 }],
  ['SGD with momentum and weight decay', { ...base, type: 'sgd', lr: 0.05, momentum: 0.9 }],
  ['Adam with weight decay', { ...base, type: 'adam', lr: 0.01 }],
];

test(`runs on the expected WebGPU adapter (${EXPECTED_ADAPTER})`, () => {
  expect(gpu.architecture).toBe(EXPECTED_ADAPTER);
});

test.each(OPTIMIZERS)('%s: an unreached Parameter keeps its value on webgpu as on cpu; 10 steps agree', async (_, optimizer) => {
  const plan = compiled(withDeadParam(), 2);
  expect(plan.params.filter((p) => p.unreached).map((p) => p.key)).toEqual(['v.value']);
  const config = { ...sgd(0, 2, { shuffle: true, seed: 3 }), optimizer };
  const cpu = createCpuExecutor(plan, { train: DATA, config });
  const ex = await createWebGpuExecutor(plan, { train: DATA, config, device: gpu.device });
  try {
    await cpu.train(10);
    expect((await ex.train(10)).steps).toBe(10);
    const [pc, pg] = [await cpu.getParams(), await ex.getParams()];
    expect(Array.from(pg['v.value'])).toEqual([1, 2]);
    expect(Array.from(pc['v.value'])).toEqual([1, 2]);
    for (const k of Object.keys(pc)) expect(Array.from(pg[k])).toEqual(Array.from(pc[k]).map((v) => expect.closeTo(v, 5)));
    expect(compareLosses('losses', Array.from(await ex.losses(0)), Array.from(await cpu.losses(0)))).toEqual([]);
  } finally {
    ex.dispose();
  }
});
