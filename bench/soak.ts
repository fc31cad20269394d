// `npm run soak`: XOR for 1,000,000 steps on the CPU and 100,000 on WebGPU (Dawn in Node), read like the editor reads
// it, with heap, RSS, live typed arrays and live GPU buffers before and after, as a table. Figures, not a test
// (tests/soak/no-growth.test.ts is the asserted, shortened version). Options: --cpu N, --webgpu N, --every N.
import { nodeGpu } from '../engine/webgpu/node-gpu';
import { adapterVerdict, installGpuBufferCounter, installTypedArrayCounter } from './soak/counters';
import { soak, type Measure, type SoakRow } from './soak/loop';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`soak: --${name} takes a whole number of steps (≥ 0), got "${process.argv[i + 1] ?? ''}"`);
    process.exit(2);
  }
  return v;
}

const cpuSteps = option('cpu', 1_000_000);
const gpuSteps = option('webgpu', 100_000);
const every = Math.max(1, option('every', 1000));

const mb = (n: number): string => (n / 2 ** 20).toFixed(1);
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const delta = (a: number, b: number, f: (n: number) => string): string => `${f(a)} → ${f(b)}`;

function progress(backend: string): (done: number, total: number, rate: number, loss: number) => void {
  let last = 0;
  return (done, total, rate, loss) => {
    const now = performance.now();
    if (done < total && now - last < 2000) return;
    last = now;
    const line = `${backend.padEnd(6)} ${int(done).padStart(9)} / ${int(total)} steps  ${int(rate).padStart(7)} steps/s  loss ${loss.toExponential(2)}  heap ${mb(process.memoryUsage().heapUsed)} MB  RSS ${mb(process.memoryUsage.rss())} MB`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  };
}

function tableRow(r: SoakRow): string {
  const b: Measure = r.before;
  const a: Measure = r.after;
  const gpu = b.gpuBuffersLive === null || a.gpuBuffersLive === null ? '—' : `${b.gpuBuffersLive} → ${a.gpuBuffersLive} (${r.gpuAfterDispose} after dispose)`;
  return `| ${r.backend} | ${int(r.steps)} | ${int(r.reads)} | ${delta(b.heapUsed, a.heapUsed, mb)} | ${delta(b.rss, a.rss, mb)} | ${delta(b.arrayBuffers, a.arrayBuffers, mb)} | ${delta(b.typedArraysLive, a.typedArraysLive, int)} | ${gpu} | ${int(r.typedArraysCreated)} | ${r.gpuBuffersCreated === null ? '—' : int(r.gpuBuffersCreated)} | ${int(r.stepsPerSec)} | ${r.finalLoss.toExponential(2)} |`;
}

async function main(): Promise<void> {
  nodeGpu();
  const typed = installTypedArrayCounter();
  const gpu = installGpuBufferCounter();
  const rows: SoakRow[] = [];
  if (cpuSteps > 0) {
    console.error(`soak: XOR on the CPU, ${int(cpuSteps)} steps, the editor's reads every ${int(every)} steps`);
    rows.push(await soak({ backend: 'cpu', steps: cpuSteps, every, typed, gpu: null, onProgress: progress('cpu') }));
  }
  if (gpuSteps > 0) {
    console.error(`soak: XOR on WebGPU, ${int(gpuSteps)} steps, the editor's reads every ${int(every)} steps`);
    rows.push(await soak({ backend: 'webgpu', steps: gpuSteps, every, typed, gpu, onProgress: progress('webgpu') }));
    const bad = adapterVerdict(gpu.adapters);
    if (bad) throw new Error(bad);
    const a = gpu.adapters[gpu.adapters.length - 1];
    console.error(`soak: WebGPU adapter: ${a.architecture || '?'} (${a.vendor || '?'}; ${a.description || 'no description'})`);
  }
  console.log('');
  console.log('| backend | steps | reads | heap used MB | RSS MB | array buffers MB | live typed arrays | live GPU buffers | typed arrays made | GPU buffers made | steps/s | final loss |');
  console.log('| --- | ---: | ---: | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(tableRow(r));
  console.log('');
  console.log('Before: after one block and one read (pipelines and evaluation storage made). After: the last read, garbage collected, before dispose.');
  console.log('steps/s counts time inside train() only. "made" counts everything created between before and after (freed ones too).');
}

main().catch((e: unknown) => {
  console.error(`soak: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
