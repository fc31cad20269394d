// Frames per second in the editor while a 50-node graph trains with live edge labels on (and off, for comparison),
// in headless Chromium against a production build. Prints figures and the labels-on ÷ labels-off ratios; asserts
// nothing. `npm run bench:fps` (FPS_SECONDS per measurement, FPS_ROUNDS alternations of on and off, FPS_BACKENDS=auto,cpu,
// FPS_DEV=1 for the dev server).
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { GraphDoc, GraphEdge, GraphNode } from '../engine/graph/types';
import { freePort, ROOT, startVite, VITE } from '../tests/support/editor-server';

const SECONDS = Number(process.env.FPS_SECONDS ?? 5);
const ROUNDS = Number(process.env.FPS_ROUNDS ?? 2);
const BACKENDS = (process.env.FPS_BACKENDS ?? 'auto,cpu').split(',') as ('auto' | 'cpu' | 'webgpu')[];
/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;

/** Input → Linear(2→4) → Tanh → 21 × (Linear(4→4) → Tanh) → ReLU → Linear(4→1) → Sigmoid → BCELoss ← Target: 50 nodes. */
export function fiftyNodeGraph(): GraphDoc {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const at = (i: number) => ({ x: (i % 10) * 200, y: Math.floor(i / 10) * 160 });
  const add = (id: string, op: string, attrs?: GraphNode['attrs']): string => {
    nodes.push({ id, op, ...(attrs ? { attrs } : {}), position: at(nodes.length) });
    return id;
  };
  const link = (source: string, target: string, targetPort = 'in'): void => {
    edges.push({ id: `e${edges.length + 1}`, source, target, targetPort });
  };
  let prev = add('x', 'Input', { features: 2 });
  const chain = (id: string, op: string, attrs?: GraphNode['attrs']): void => {
    link(prev, add(id, op, attrs));
    prev = id;
  };
  chain('fc0', 'Linear', { in: 2, out: 4 });
  chain('act0', 'Tanh');
  for (let i = 1; i <= 21; i++) {
    chain(`fc${i}`, 'Linear', { in: 4, out: 4 });
    chain(`act${i}`, 'Tanh');
  }
  chain('relu', 'ReLU');
  chain('head', 'Linear', { in: 4, out: 1 });
  chain('prob', 'Sigmoid');
  const loss = add('loss', 'BCELoss');
  link(prev, loss, 'input');
  link(add('y', 'Target', { features: 1 }), loss, 'target');
  return {
    format: 'wiregrad-graph',
    version: 1,
    name: 'fps: 50 nodes',
    nodes,
    edges,
    training: { data: { builtin: 'circle', samples: 200, noise: 0.1 }, batchSize: 32, optimizer: { type: 'adam', lr: 0.01 }, seed: 1 },
  };
}

/** The production build served by `vite preview` (what users get from a deployment); FPS_DEV=1 for the dev server. */
async function startServer(port: number): Promise<{ child: ChildProcess; mode: string }> {
  if (process.env.FPS_DEV === '1') return { child: await startVite(port), mode: 'dev server' };
  const out = mkdtempSync(join(tmpdir(), 'wiregrad-fps-'));
  const built = spawnSync(process.execPath, [VITE, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}${built.stderr}`);
  return { child: await startVite(port, ['preview', '--outDir', out]), mode: 'production build' };
}

type Cpu = { page: number; gpu: number };

/**
 * CPU seconds Chromium has used so far (Linux /proc; zeros elsewhere): `page` = the renderer's main, compositor and
 * raster threads (what drawing the view costs), `gpu` = the GPU process (WebGPU on SwiftShader trains there, and it
 * composites). The worker's own thread is left out: it mostly waits for the GPU process.
 */
function chromiumCpu(): Cpu {
  const cpu: Cpu = { page: 0, gpu: 0 };
  const pids = existsSync('/proc') ? readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : [];
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium')) continue;
      const kind = cmd.includes('--type=renderer') ? 'page' : cmd.includes('--type=gpu-process') ? 'gpu' : null;
      if (!kind) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.startsWith('DedicatedWorker')) continue;
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpu[kind] += (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
      }
    } catch {
      // The process or thread ended meanwhile.
    }
  }
  return cpu;
}

/** Animation frames the page actually painted over `seconds`, the steps trained meanwhile, and cores used. */
async function measure(page: Page, seconds: number): Promise<{ fps: number; stepsPerSec: number; cpu: Cpu }> {
  const steps = async () => Number((await page.getByTestId('step-count').textContent())?.replace(/,/g, '') ?? 0);
  const s0 = await steps();
  const c0 = chromiumCpu();
  const t0 = Date.now();
  // A string, not a function: tsx would wrap a function with helpers the page does not have.
  const frames = (await page.evaluate(`new Promise((done) => {
    let n = 0;
    const end = performance.now() + ${seconds * 1000};
    const tick = (t) => { n++; if (t < end) requestAnimationFrame(tick); else done(n); };
    requestAnimationFrame(tick);
  })`)) as number;
  const dt = (Date.now() - t0) / 1000;
  const c1 = chromiumCpu();
  return { fps: frames / seconds, stepsPerSec: ((await steps()) - s0) / dt, cpu: { page: (c1.page - c0.page) / dt, gpu: (c1.gpu - c0.gpu) / dt } };
}

async function main(): Promise<void> {
  const port = await freePort();
  const { child: vite, mode } = await startServer(port);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByLabel('Open a graph file').setInputFiles({ name: 'fps.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(fiftyNodeGraph())) });
    await page.locator('.react-flow__node').nth(49).waitFor();
    await page.getByRole('button', { name: 'Fit view' }).click();
    const panel = page.getByRole('region', { name: 'Training' });
    const rows: string[] = [];
    const ratios: string[] = [];
    for (const backend of BACKENDS) {
      await panel.getByLabel('backend').selectOption(backend);
      // Wait for the reload on the chosen backend: the badge names what runs.
      const want = backend === 'cpu' ? 'runs on CPU' : 'runs on';
      await page.waitForFunction(
        `(document.querySelector('[data-testid="backend-running"]')?.textContent ?? '').startsWith(${JSON.stringify(want)}) && !document.querySelector('button[aria-label="Play: train"]')?.hasAttribute('disabled')`,
      );
      const runs = (await panel.getByTestId('backend-running').textContent()) ?? '';
      // Warm-up: the first step builds the GPU pipelines (seconds on SwiftShader); not part of the figure.
      await panel.getByRole('button', { name: 'One step' }).click();
      await page.waitForFunction(`Number(document.querySelector('[data-testid="step-count"]')?.textContent?.replace(/,/g, '')) > 0`, undefined, { timeout: 120_000 });
      // Then two seconds of training, so JIT and the chunk size settle before the first figure (which would else be low).
      await panel.getByRole('button', { name: 'Play: train' }).click();
      await page.waitForTimeout(2000);
      await panel.getByRole('button', { name: 'Pause training' }).click();
      await panel.getByRole('button', { name: 'Play: train' }).waitFor();
      // Labels on and off alternate over ROUNDS rounds (on, off, then off, on: ABBA), so drift and a neighbour's load
      // on a shared machine hit both alike.
      const zero = () => ({ fps: 0, steps: 0, idle: 0, page: 0, gpu: 0 });
      const sums = { on: zero(), off: zero() };
      let shown = '0';
      for (let round = 0; round < ROUNDS; round++) {
        for (const labels of round % 2 === 0 ? [true, false] : [false, true]) {
          const box = panel.getByLabel('show edge labels');
          if ((await box.isChecked()) !== labels) await box.click();
          const idle = await measure(page, 1);
          await panel.getByRole('button', { name: 'Play: train' }).click();
          await page.waitForTimeout(500);
          const m = await measure(page, SECONDS);
          await panel.getByRole('button', { name: 'Pause training' }).click();
          await panel.getByRole('button', { name: 'Play: train' }).waitFor();
          if (labels) shown = (await page.locator('.wg-edge-label-layer').getAttribute('data-labels')) ?? '0';
          const sum = sums[labels ? 'on' : 'off'];
          sum.fps += m.fps / ROUNDS;
          sum.steps += m.stepsPerSec / ROUNDS;
          sum.idle += idle.fps / ROUNDS;
          sum.page += m.cpu.page / ROUNDS;
          sum.gpu += m.cpu.gpu / ROUNDS;
        }
      }
      for (const labels of ['on', 'off'] as const) {
        const m = sums[labels];
        rows.push(
          `| ${backend} (${runs}) | ${labels === 'on' ? `on (${shown} labels)` : 'off'} | ${m.fps.toFixed(1)} | ${m.idle.toFixed(1)} | ${Math.round(m.steps).toLocaleString('en')} | ${m.page.toFixed(2)} | ${m.gpu.toFixed(2)} |`,
        );
      }
      ratios.push(`| ${backend} (${runs}) | ${(sums.on.steps / sums.off.steps).toFixed(2)} | ${(sums.on.fps / sums.off.fps).toFixed(2)} |`);
    }
    console.log(`editor frame rate, 50-node graph (${fiftyNodeGraph().edges.length} edges), headless Chromium, ${mode}, ${ROUNDS} × ${SECONDS} s per row (mean)`);
    console.log('| backend | edge labels | fps while training | fps idle | steps/s | page CPU (cores) | GPU process CPU (cores) |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
    console.log('\nlabels on ÷ labels off, same run');
    console.log('| backend | steps/s | fps |');
    console.log('| --- | --- | --- |');
    for (const r of ratios) console.log(r);
  } finally {
    await browser.close();
    vite.kill('SIGTERM');
  }
}

// Run when executed (`npm run bench:fps`), not when imported for its graph.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
