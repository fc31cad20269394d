// npm run bench: steps per second for the four rows of issue 3 on wiregrad (cpu, webgpu) and TF.js (cpu, wasm in
// Node; webgpu in headless Chromium), same network, batch, loss and optimiser, in one run; prints ratios.
// Figures only: nothing here passes or fails on time.
import { cpus, platform, release } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { nodeDatasetReader } from '../engine/cli/datasets-node';
import { createCpuExecutor } from '../engine/cpu/executor';
import { createWebGpuExecutor } from '../engine/webgpu/executor';
import { noAdapterMessage, requestNodeDevice } from '../engine/webgpu/node-gpu';
import { prepareNet, timeTf, timeWiregrad } from './contenders';
import { NETS } from './nets';
import { runInChromium } from './page';

type Row = Record<string, number | string>;
const fmt = (v: number | string | undefined) => (typeof v === 'number' ? (v >= 100 ? Math.round(v).toString() : v.toPrecision(3)) : (v ?? '–'));
const ratio = (a: number | string | undefined, b: number | string | undefined) => (typeof a === 'number' && typeof b === 'number' ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×` : '–');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const nets = only.length ? NETS.filter((n) => only.includes(n.key)) : NETS;
  const rows = new Map<string, Row>(nets.map((n) => [n.key, {}]));
  const gpu = await requestNodeDevice();
  if (!gpu) console.error(`webgpu (Node): ${noAdapterMessage()}`);
  for (const spec of nets) {
    const r = rows.get(spec.key) as Row;
    const p = await prepareNet(spec, nodeDatasetReader);
    r.cpu = await timeWiregrad(createCpuExecutor(p.plan, { train: p.train, config: p.config }));
    if (gpu) r.dawn = await timeWiregrad(await createWebGpuExecutor(p.plan, { train: p.train, config: p.config, device: gpu.device }));
    for (const backend of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backend);
      await tf.ready();
      r[`tf-${backend}`] = await timeTf(tf, spec, p.train);
    }
    console.error(`${spec.title}: done in Node`);
  }
  gpu?.device.destroy();
  let adapter = 'none';
  try {
    const page = await runInChromium();
    adapter = page.adapter;
    for (const x of page.rows) {
      const r = rows.get(x.key);
      if (!r) continue;
      r.chromium = x.wiregrad;
      r['tf-webgpu'] = x.tf;
    }
  } catch (e) {
    console.error(`Chromium: ${String(e)}`);
  }
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${platform()} ${release()}, Node ${process.versions.node}; WebGPU adapter in Node: ${gpu?.architecture ?? 'none'}, in Chromium: ${adapter}.`,
    '',
    '| row | wiregrad cpu | TF.js cpu | TF.js wasm | wiregrad webgpu (Node, Dawn) | wiregrad webgpu (Chromium) | TF.js webgpu (Chromium) | cpu ÷ TF cpu | cpu ÷ TF wasm | webgpu ÷ TF webgpu (Chromium) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...nets.map((n) => {
      const r = rows.get(n.key) as Row;
      return `| (${n.key}) ${n.title} | ${fmt(r.cpu)} | ${fmt(r['tf-cpu'])} | ${fmt(r['tf-wasm'])} | ${fmt(r.dawn)} | ${fmt(r.chromium)} | ${fmt(r['tf-webgpu'])} | ${ratio(r.cpu, r['tf-cpu'])} | ${ratio(r.cpu, r['tf-wasm'])} | ${ratio(r.chromium, r['tf-webgpu'])} |`;
    }),
    '',
    'Training steps per second (forward, loss, backward, SGD update), higher is better.',
  ];
  console.log(lines.join('\n'));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
