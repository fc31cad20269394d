// npx tsx bench/cpu-kernels.ts [a b c d]: the CPU executor alone against TF.js cpu and wasm on issue 3's rows, plus
// where a wiregrad step spends its time (per op, forward and backward), to guide kernel work. Figures only.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { nodeDatasetReader } from '../engine/cli/datasets-node';
import { createCpuExecutor } from '../engine/cpu/executor';
import { createMachine, programFor } from '../engine/cpu/machine';
import { gather, sourceSlots } from '../engine/cpu/gather';
import { wasmGemmAvailable } from '../engine/cpu/wasm/simd-gemm';
import { prepareNet, timeTf, timeWiregrad, type Prepared } from './contenders';
import { NETS } from './nets';

/** CPU milliseconds per call of each forward and backward step, over `reps` replays of one full batch. */
function profile(p: Prepared, reps: number): string {
  const m = createMachine(p.plan, Float32Array, p.plan.batch);
  for (const q of p.plan.params) m.bufs[q.value].set(q.initial);
  gather(sourceSlots(p.plan, m.bufs, p.train), p.train, null, 0, p.plan.batch);
  const prog = programFor(p.plan, m, p.plan.batch);
  const names = [...p.plan.forward.map((s) => `fwd ${s.op} ${s.node}`), ...p.plan.backward.map((s) => `bwd ${s.kind === 'sum' ? 'sum' : s.op} ${s.node}`)];
  const thunks = [...prog.forward, ...prog.backward];
  // Every step overwrites what it writes, so each can be replayed alone; CPU time, not wall time, since the
  // machine is usually shared.
  const ms = thunks.map((t) => {
    t();
    const t0 = process.cpuUsage();
    for (let r = 0; r < reps; r++) t();
    const u = process.cpuUsage(t0);
    return (u.user + u.system) / 1000;
  });
  const total = ms.reduce((a, b) => a + b, 0);
  return names.map((n, i) => `    ${n.padEnd(32)} ${(ms[i] / reps).toFixed(4)} ms  ${((100 * ms[i]) / total).toFixed(1)}%`).join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  console.log(`wiregrad cpu matrix products: ${wasmGemmAvailable() ? 'WebAssembly SIMD kernel' : 'JS kernel (no WebAssembly SIMD here)'}`);
  for (const spec of only.length ? NETS.filter((n) => only.includes(n.key)) : NETS) {
    const p = await prepareNet(spec, nodeDatasetReader);
    const cpu = await timeWiregrad(createCpuExecutor(p.plan, { train: p.train, config: p.config }));
    const line = [`(${spec.key}) ${spec.title}: wiregrad cpu ${cpu.toFixed(0)} steps/s`];
    for (const backend of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backend);
      await tf.ready();
      const t = await timeTf(tf, spec, p.train);
      line.push(`TF.js ${backend} ${t.toFixed(0)} (${(cpu / t).toFixed(2)}×)`);
    }
    console.log(line.join(', '));
    console.log(profile(p, spec.key === 'd' ? 10 : spec.key === 'c' ? 200 : 5000));
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
