// Bytes allocated by engine code while `run` runs, from V8's sampling heap profiler with collected objects included
// (so garbage that a GC already freed still counts). Sampled: a small average per step means none in practice.
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  callFrame: { url: string; functionName: string };
  selfSize: number;
  children: ProfileNode[];
}

export async function engineAllocations(run: () => Promise<unknown>): Promise<number> {
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 64, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true,
    });
    await run();
    const { profile } = await session.post('HeapProfiler.stopSampling');
    let bytes = 0;
    // Count allocations with an engine frame (or the control probe below) on their stack.
    const walk = (n: ProfileNode, inEngine: boolean): void => {
      const here = inEngine || n.callFrame.url.includes('/engine/') || n.callFrame.functionName === 'allocateLikeAStep';
      if (here) bytes += n.selfSize;
      n.children.forEach((c) => walk(c, here));
    };
    walk(profile.head as ProfileNode, false);
    return bytes;
  } finally {
    session.disconnect();
  }
}

/** The kind of per-step garbage the executor must not make: an array and a boxed number. */
export function allocateLikeAStep(i: number): number[] {
  return [i * 0.5, i + 0.25];
}
