// The editor's side of the training worker: while training runs it pulls snapshots at display rate, one in flight at a
// time, and fewer when showing one costs the page more than its budget (app/training/viewCost.ts).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { PULL_HZ, TrainingClient, pullGap, type WorkerLike } from '../../app/training/client';
import type { FromWorker, SnapshotMsg, ToWorker } from '../../app/training/protocol';
import { training, useTraining } from '../../app/training/trainingStore';
import { viewCost } from '../../app/training/viewCost';

let now = 0;
let frames: FrameRequestCallback[] = [];

/** A worker that answers every pull at once with a one-edge snapshot, and counts the pulls; showing one costs `viewMs`. */
function fakeWorker(viewMs = 0): WorkerLike & { pulls: number } {
  const w = {
    pulls: 0,
    onmessage: null as ((e: MessageEvent<FromWorker>) => void) | null,
    postMessage(msg: ToWorker) {
      if (msg.type !== 'pull') return;
      w.pulls++;
      const snapshot: SnapshotMsg = { step: w.pulls, loss: 0.5, edges: { e: { shape: [1], rows: 0, value: Float32Array.of(w.pulls), grad: null } } };
      w.onmessage?.({ data: { type: 'snapshot', snapshot } } as MessageEvent<FromWorker>);
      viewCost.add(viewMs);
    },
    terminate() {},
  };
  return w;
}

/** Run animation frames at 60 Hz for `ms` of fake time. */
function runFrames(ms: number): void {
  const end = now + ms;
  while (now < end) {
    now += 1000 / 60;
    const due = frames;
    frames = [];
    for (const f of due) f(now);
  }
}

beforeEach(() => {
  now = 0;
  frames = [];
  training.reset();
  viewCost.reset();
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('training client: snapshot pulls', () => {
  test('a cheap view is pulled PULL_HZ times a second while training runs and labels are on', () => {
    const worker = fakeWorker();
    const client = new TrainingClient(worker, { onParams: () => undefined, selectedEdge: () => null, onNonFinite: () => undefined });
    client.play();
    runFrames(2000);
    expect(worker.pulls).toBeGreaterThanOrEqual(2 * PULL_HZ - 2);
    expect(worker.pulls).toBeLessThanOrEqual(2 * PULL_HZ + 1);
    expect(useTraining.getState().probes.e.value[0]).toBe(worker.pulls);
  });

  test('a view that takes 10 ms per snapshot is pulled within its 3% budget: every 333 ms', () => {
    expect(pullGap(0)).toBeCloseTo(1000 / PULL_HZ);
    expect(pullGap(10)).toBeCloseTo(333.3, 1);
    const worker = fakeWorker(10);
    const client = new TrainingClient(worker, { onParams: () => undefined, selectedEdge: () => null, onNonFinite: () => undefined });
    client.play();
    runFrames(3000);
    // The first pull comes before the view has measured itself; then about 3 a second.
    expect(worker.pulls).toBeGreaterThanOrEqual(8);
    expect(worker.pulls).toBeLessThanOrEqual(11);
  });

  test('nothing is pulled while labels and edge widths are off and no edge is selected', () => {
    useTraining.setState({ showLabels: false });
    const worker = fakeWorker();
    const client = new TrainingClient(worker, { onParams: () => undefined, selectedEdge: () => null, onNonFinite: () => undefined });
    client.play();
    runFrames(1000);
    expect(worker.pulls).toBe(0);
  });
});
