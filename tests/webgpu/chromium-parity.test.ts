// The same parity in headless Chromium (Debian's, WebGPU on SwiftShader): every op in the per-stage dispatch shape
// and every example, against the CPU reference computed here in Node.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createCpuExecutor } from '../../engine/cpu/executor';
import type { GraphDoc } from '../../engine/graph/types';
import { loadGraph } from '../../engine/graph/load';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import type { BrowserRun } from './browser/entry';
import { openEnginePage, type EnginePage } from './harness/browser-page';
import { BLOCKED_CASE, OP_CASES } from './harness/cases';
import { compareLosses, compareSnapshots } from './harness/compare';
import { EXPECTED_ADAPTER } from './harness/node-device';
import { runGraph, type RunOptions, type RunResult } from './harness/run';

let engine: EnginePage;
beforeAll(async () => {
  engine = await openEnginePage();
}, 120_000);
afterAll(async () => engine?.close());

async function inChromium(doc: GraphDoc, o: RunOptions, mode: 'single' | 'dispatch' | 'auto'): Promise<BrowserRun> {
  // Arguments as one JSON string: the graph's recursive types are too deep for playwright's argument typing.
  const json: string = await engine.page.evaluate(async (args: string) => {
    const [d, opts, m] = JSON.parse(args) as unknown[];
    const gpu = (globalThis as unknown as { wiregradGpu: { run: (...a: unknown[]) => Promise<unknown> } }).wiregradGpu;
    return JSON.stringify(await gpu.run(d, opts, m));
  }, JSON.stringify([doc, o, mode]));
  return JSON.parse(json) as BrowserRun;
}

async function parity(doc: GraphDoc, o: RunOptions, mode: 'single' | 'dispatch' | 'auto'): Promise<{ got: RunResult; problems: string[] }> {
  const cpu = await runGraph(doc, nodeDatasetReader, async (plan, opts) => createCpuExecutor(plan, opts), o);
  const { adapter, result: got } = await inChromium(doc, { ...o, sync: cpu.paramsBefore }, mode);
  expect(adapter).toBe(EXPECTED_ADAPTER);
  const problems = [
    ...got.snapshots.flatMap((s, k) => compareSnapshots(`after probe ${k + 1}`, s, cpu.snapshots[k])),
    ...compareSnapshots('evaluation', got.evaluation, cpu.evaluation),
    ...compareLosses('losses', got.losses, cpu.losses),
  ];
  return { got, problems };
}

test.each([...OP_CASES, BLOCKED_CASE].map((c) => [c.name, c] as const))('Chromium, dispatch kernels: %s', async (_name, c) => {
  const { got, problems } = await parity(c.doc, { probeSteps: [1, 1, 1], lossSteps: 30 }, 'dispatch');
  expect(got.mode).toBe('dispatch');
  expect(problems).toEqual([]);
}, 60_000);

const DIR = new URL('../../public/examples/', import.meta.url);
const EXAMPLES = (JSON.parse(readFileSync(new URL('index.json', DIR), 'utf8')) as { examples: { file: string }[] }).examples.map((e) => e.file);

test.each(EXAMPLES)('Chromium: example %s (one step, evaluation, 200 steps of loss)', async (file) => {
  const doc = loadGraph(readFileSync(new URL(file, DIR), 'utf8'));
  if (!doc.ok) throw new Error(JSON.stringify(doc.errors));
  const { got, problems } = await parity(doc.value, { probeSteps: [1], lossSteps: 200 }, 'auto');
  expect(problems).toEqual([]);
  expect(got.losses).toHaveLength(200);
}, 90_000);
