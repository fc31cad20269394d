// Shared by the export tests: run many exported scripts in ONE real-PyTorch process, run ONNX in onnxruntime-web,
// and train the same graph in wiregrad's session for the reference losses.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import type { DataRows } from '../../engine/executor';
import { exportSourceOf } from '../../engine/export/from-session';
import type { ExportSource } from '../../engine/export/source';
import type { GraphDoc } from '../../engine/graph/types';
import { createSession, type Session } from '../../engine/train/session';

/** Debian's python3 with python3-torch; the pyenv python3 on PATH has no torch. */
export const PYTHON = '/usr/bin/python3';

const DRIVER = `
import contextlib, io, json, runpy, sys, traceback
import torch
torch.set_num_threads(1)
jobs_file, results_file = sys.argv[1], sys.argv[2]
jobs = json.load(open(jobs_file))
results = []
for job in jobs:
    out = io.StringIO()
    sys.argv = [job["file"], *job["args"]]
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(job["file"], run_name="__main__")
        results.append({"stdout": out.getvalue(), "error": None})
    except BaseException:
        results.append({"stdout": out.getvalue(), "error": traceback.format_exc()})
json.dump(results, open(results_file, "w"))
`;

export function assertTorch(): void {
  if (!existsSync(PYTHON)) {
    throw new Error(`${PYTHON} is missing: the export tests run the exported scripts with Debian's python3 and python3-torch ` +
      '(`node scripts/ensure-deps.mjs --system` as root installs them)');
  }
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'pipe' });
  } catch {
    throw new Error(`${PYTHON} cannot import torch: install Debian's python3-torch (\`node scripts/ensure-deps.mjs --system\` as root)`);
  }
}

export interface ScriptJob {
  script: string;
  args: string[];
}
export interface ScriptRun {
  stdout: string;
  error: string | null;
}

/** Runs every script in one python process (torch imports once); stdout per script. */
export function runScripts(jobs: readonly ScriptJob[]): ScriptRun[] {
  assertTorch();
  const dir = mkdtempSync(join(tmpdir(), 'wiregrad-export-'));
  try {
    const manifest = jobs.map((j, i) => {
      const file = join(dir, `model_${i}.py`);
      writeFileSync(file, j.script);
      return { file, args: j.args };
    });
    writeFileSync(join(dir, 'driver.py'), DRIVER);
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify(manifest));
    execFileSync(PYTHON, [join(dir, 'driver.py'), join(dir, 'jobs.json'), join(dir, 'results.json')], { stdio: 'pipe', timeout: 240_000 });
    return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ScriptRun[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The loss lines: everything before the first '#' line. Each must be a bare number. */
export function lossLines(stdout: string): number[] {
  const lines = stdout.split('\n').filter((l) => l !== '');
  const end = lines.findIndex((l) => l.startsWith('#'));
  return (end < 0 ? lines : lines.slice(0, end)).map((l) => {
    if (!/^-?(\d|nan|inf)/i.test(l)) throw new Error(`a loss line holds something else: ${JSON.stringify(l)}`);
    return Number(l);
  });
}

/** |a − b| ≤ rel·max(|a|, |b|), with a tiny absolute floor for losses that reach 0. */
export function closeRel(a: number, b: number, rel: number, abs = 1e-7): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}

/** First step where the two loss curves part, or -1. */
export function firstMismatch(got: readonly number[], want: ArrayLike<number>, rel: number): number {
  if (got.length !== want.length) return Math.min(got.length, want.length);
  for (let i = 0; i < got.length; i++) if (!closeRel(got[i], want[i], rel)) return i;
  return -1;
}

export async function openSession(doc: GraphDoc): Promise<Session> {
  const s = await createSession(doc, { read: nodeDatasetReader });
  if (!s.ok) throw new Error(`the session refused the graph: ${JSON.stringify(s.errors)}`);
  return s.value;
}

export function withShuffle(doc: GraphDoc, shuffle: boolean): GraphDoc {
  return { ...doc, training: { ...doc.training, shuffle } };
}

/** Exports from a fresh session, then trains it `steps` steps: the script and wiregrad's losses. */
export async function exportAndTrain(doc: GraphDoc, steps: number): Promise<{ source: ExportSource; losses: Float32Array; session: Session }> {
  const session = await openSession(doc);
  const source = await exportSourceOf(session);
  await session.train(steps);
  return { source, losses: await session.losses(0), session };
}

let ortReady = false;

/** Runs an ONNX model in onnxruntime-web (wasm, in Node). */
export async function runOnnx(bytes: Uint8Array, feeds: Record<string, { data: Float32Array; dims: number[] }>): Promise<Record<string, Float32Array>> {
  if (!ortReady) {
    ort.env.wasm.numThreads = 1;
    ortReady = true;
  }
  const session = await ort.InferenceSession.create(bytes);
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(feeds)) inputs[k] = new ort.Tensor('float32', v.data, v.dims);
    const result = await session.run(inputs);
    const out: Record<string, Float32Array> = {};
    for (const [k, v] of Object.entries(result)) out[k] = v.data as Float32Array;
    return out;
  } finally {
    await session.release();
  }
}

/** The rows an Input node reads: its columns of x. */
export function inputFeed(rows: DataRows, columns: readonly number[]): { data: Float32Array; dims: number[] } {
  const data = new Float32Array(rows.n * columns.length);
  for (let i = 0; i < rows.n; i++) {
    for (let j = 0; j < columns.length; j++) data[i * columns.length + j] = rows.x[i * rows.xFeatures + columns[j]];
  }
  return { data, dims: [rows.n, columns.length] };
}
