// The shortened soak (npm run soak is the long one): XOR trained in blocks with the editor's reads between them.
// What a run holds must not grow with its steps: live GPU buffers and live typed arrays are the same after N and 2N
// steps; a CPU step makes no typed array at all, and every read makes the same number of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../engine/train/session';
import { nodeGpu } from '../../engine/webgpu/node-gpu';
import { adapterVerdict, installGpuBufferCounter, installTypedArrayCounter, type Creation, type GpuBufferCounter, type TypedArrayCounter } from '../../bench/soak/counters';
import { editorRead, openXor } from '../../bench/soak/loop';

let typed: TypedArrayCounter;
let gpu: GpuBufferCounter;

beforeAll(() => {
  nodeGpu();
  gpu = installGpuBufferCounter();
  typed = installTypedArrayCounter();
});

afterAll(() => {
  typed?.uninstall();
  gpu?.uninstall();
});

const show = (made: Creation[]): string => made.map((c) => `${c.kind}(${c.length}) at ${c.site ?? '?'}`).join('\n');

/**
 * The loss history (every step's loss, which losses(0) returns) is the one thing meant to grow: now and then a train()
 * call replaces its array by one at least twice as long, copying the old losses over (perhaps through a view of them).
 * Both hold at least the `before` losses taken before that call.
 */
const isLossHistory = (c: Creation, before: number): boolean => c.kind === 'Float32Array' && before > 0 && c.length >= before;

interface Block {
  /** Typed arrays each train() call made, other than a new loss history. */
  trainMade: Creation[][];
  /** train() calls in this block that grew the loss history. */
  historyGrowths: number;
  /** Typed arrays each read made. */
  readMade: number[];
  /** GPU buffers each train() call created. */
  trainGpuMade: number[];
  /** GPU buffers each read created, and how many of them it left alive. */
  readGpuMade: number[];
  readGpuKept: number[];
  liveTyped: number;
  liveGpu: number;
  gpuByLabel: Record<string, number>;
}

async function block(s: Session, reads: number, stepsPerRead: number, lossFrom: { at: number }): Promise<Block> {
  const b: Block = { trainMade: [], historyGrowths: 0, readMade: [], trainGpuMade: [], readGpuMade: [], readGpuKept: [], liveTyped: 0, liveGpu: 0, gpuByLabel: {} };
  for (let i = 0; i < reads; i++) {
    const g0 = gpu.created;
    const before = s.steps;
    const t = await typed.during(() => s.train(stepsPerRead), true);
    expect(t.value.nonFinite).toBeNull();
    b.trainGpuMade.push(gpu.created - g0);
    const history = t.made.filter((c) => isLossHistory(c, before));
    expect(history.length, 'a new loss history and at most a view of the old one').toBeLessThanOrEqual(2);
    if (history.length) b.historyGrowths++;
    b.trainMade.push(t.made.filter((c) => !history.includes(c)));
    const g1 = gpu.created;
    const live1 = gpu.live;
    const r = await typed.during(() => editorRead(s, lossFrom.at));
    lossFrom.at = r.value.lossFrom;
    b.readMade.push(r.made.length);
    b.readGpuMade.push(gpu.created - g1);
    b.readGpuKept.push(gpu.live - live1);
  }
  await typed.settle();
  b.liveTyped = typed.live;
  b.liveGpu = gpu.live;
  b.gpuByLabel = gpu.liveByLabel();
  return b;
}

describe('a long XOR run does not grow with its steps', () => {
  it('on the CPU: a training step makes no typed array, every read makes the same number, and live typed arrays stay put', async () => {
    const s = await openXor('cpu');
    try {
      const from = { at: 0 };
      const warm = await block(s, 2, 1000, from);
      const first = await block(s, 10, 1000, from);
      const second = await block(s, 10, 1000, from);
      expect(s.steps).toBe(22_000);

      for (const made of [...first.trainMade, ...second.trainMade]) expect(show(made)).toBe('');
      // Steps 12,000 → 22,000: the loss history doubles at most once.
      expect(second.historyGrowths).toBeLessThanOrEqual(1);
      const perRead = warm.readMade[1];
      expect(perRead).toBeGreaterThan(0);
      expect([...first.readMade, ...second.readMade]).toEqual(Array(20).fill(perRead));
      expect(second.liveTyped).toBe(first.liveTyped);
    } finally {
      s.dispose();
    }
  });

  it('on WebGPU (SwiftShader or a real GPU): live GPU buffers and live typed arrays are the same after N and 2N steps', async () => {
    const s = await openXor('webgpu');
    try {
      expect(adapterVerdict(gpu.adapters), 'the webgpu backend must run on SwiftShader or a real GPU').toBeNull();
      const from = { at: 0 };
      const warm = await block(s, 2, 500, from);
      const first = await block(s, 5, 500, from);
      const second = await block(s, 5, 500, from);
      expect(s.steps).toBe(6_000);

      // Training reuses its loss-block buffers and probe ring: once warm, a train() call creates no GPU buffer.
      expect([...first.trainGpuMade, ...second.trainGpuMade]).toEqual(Array(10).fill(0));
      // A read may stage through fresh buffers, the same number each time, and destroys all of them (the first read
      // of all keeps the evaluation storage it makes once).
      expect([...first.readGpuMade, ...second.readGpuMade]).toEqual(Array(10).fill(warm.readGpuMade[1]));
      expect([warm.readGpuKept[1], ...first.readGpuKept, ...second.readGpuKept]).toEqual(Array(11).fill(0));
      expect(second.liveGpu).toBe(first.liveGpu);
      expect(second.gpuByLabel).toEqual(first.gpuByLabel);
      expect(first.liveGpu).toBe(warm.liveGpu);

      // Per submit the GPU executor makes a few small views (its step table, the loss block it maps): a fixed number
      // per train() call of the same length, all garbage.
      const perTrain = warm.trainMade[1].length;
      expect([...first.trainMade, ...second.trainMade].map((m) => m.length)).toEqual(Array(10).fill(perTrain));
      expect(second.historyGrowths).toBeLessThanOrEqual(1);
      expect([...first.readMade, ...second.readMade]).toEqual(Array(10).fill(warm.readMade[1]));
      expect(second.liveTyped).toBe(first.liveTyped);
    } finally {
      s.dispose();
    }
    expect(gpu.live, 'every GPU buffer is destroyed on dispose').toBe(0);
  });
});
