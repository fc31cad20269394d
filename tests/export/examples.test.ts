// Every shipped example, exported and run for real: the PyTorch script's losses follow wiregrad's step by step,
// and the ONNX model computes what wiregrad's predict computes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSourceOf } from '../../engine/export/from-session';
import { exportOnnx } from '../../engine/export/onnx';
import { exportPytorch } from '../../engine/export/pytorch';
import { loadGraph } from '../../engine/graph/load';
import type { GraphDoc } from '../../engine/graph/types';
import { cli } from '../cli/run';
import { exportAndTrain, firstMismatch, inputFeed, lossLines, openSession, runOnnx, runScripts, withShuffle, type ScriptRun } from './harness';

const EXAMPLES = join(__dirname, '../../public/examples');
const STEPS = 30;
const REL = 1e-4;

const index = JSON.parse(readFileSync(join(EXAMPLES, 'index.json'), 'utf8')) as { examples: { file: string }[] };
const files = index.examples.map((e) => e.file);

function load(file: string): GraphDoc {
  const r = loadGraph(readFileSync(join(EXAMPLES, file), 'utf8'));
  if (!r.ok) throw new Error(`${file} does not load: ${JSON.stringify(r.errors)}`);
  return r.value;
}

interface Case {
  file: string;
  shuffle: boolean;
  want: Float32Array;
  got: ScriptRun;
}

describe('PyTorch export of every example', () => {
  const cases: Case[] = [];

  beforeAll(async () => {
    const pending: { file: string; shuffle: boolean; script: string; want: Float32Array }[] = [];
    for (const file of files) {
      for (const shuffle of [false, true]) {
        const { source, losses, session } = await exportAndTrain(withShuffle(load(file), shuffle), STEPS);
        session.dispose();
        const script = exportPytorch(source);
        if (!script.ok) throw new Error(`${file}: export refused: ${JSON.stringify(script.errors)}`);
        pending.push({ file, shuffle, script: script.value, want: losses });
      }
    }
    // --no-shuffle on the shuffled export too: the flag must turn wiregrad's orders off, not just the graph's flag.
    const runs = runScripts(pending.map((p) => ({ script: p.script, args: ['--steps', String(STEPS), ...(p.shuffle ? [] : ['--no-shuffle'])] })));
    pending.forEach((p, i) => cases.push({ file: p.file, shuffle: p.shuffle, want: p.want, got: runs[i] }));
  }, 240_000);

  it('ships examples to test', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s: 30 steps with shuffling off give wiregrad\'s losses to 1e-4, step by step', (file) => {
    const c = cases.find((x) => x.file === file && !x.shuffle);
    expect(c?.got.error ?? null).toBeNull();
    const got = lossLines(c?.got.stdout ?? '');
    expect(got).toHaveLength(STEPS);
    const at = firstMismatch(got, c?.want ?? [], REL);
    expect(at, `step ${at}: torch ${got[at]}, wiregrad ${c?.want[at]}`).toBe(-1);
  });

  it.each(files)('%s: with shuffling on, the embedded epoch orders give the same minibatches as wiregrad', (file) => {
    const c = cases.find((x) => x.file === file && x.shuffle);
    expect(c?.got.error ?? null).toBeNull();
    const got = lossLines(c?.got.stdout ?? '');
    const at = firstMismatch(got, c?.want ?? [], REL);
    expect(at, `step ${at}: torch ${got[at]}, wiregrad ${c?.want[at]}`).toBe(-1);
  });

  it.each(files)('%s: the script\'s losses are the ones `wiregrad train --json` prints (shuffle off)', async (file) => {
    const dir = mkdtempSync(join(tmpdir(), 'wiregrad-export-ex-'));
    try {
      const graph = join(dir, file);
      writeFileSync(graph, JSON.stringify(withShuffle(load(file), false)));
      const r = await cli(['train', graph, '--steps', String(STEPS), '--json']);
      expect(r.code, r.err).toBe(0);
      const want = (JSON.parse(r.out) as { losses: number[] }).losses;
      const got = lossLines(cases.find((x) => x.file === file && !x.shuffle)?.got.stdout ?? '');
      const at = firstMismatch(got, want, REL);
      expect(at, `step ${at}: torch ${got[at]}, wiregrad train ${want[at]}`).toBe(-1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the accuracy after the losses on lines starting with #', () => {
    const c = cases.find((x) => x.file === 'xor-mlp.json' && !x.shuffle) ?? cases[0];
    const lines = c.got.stdout.trim().split('\n');
    expect(lines.slice(STEPS).every((l) => l.startsWith('# '))).toBe(true);
    expect(lines.slice(STEPS).join('\n')).toMatch(/# train accuracy: \d\.\d{4}/);
  });
});

describe('ONNX export of every example', () => {
  it.each(files)('%s: onnxruntime computes the loss inputs as wiregrad predicts them, to 1e-5', async (file) => {
    const session = await openSession(withShuffle(load(file), false));
    try {
      await session.train(STEPS);
      const onnx = exportOnnx(await exportSourceOf(session));
      if (!onnx.ok) throw new Error(`export refused: ${JSON.stringify(onnx.errors)}`);
      for (const rows of [session.data.train, session.data.test]) {
        if (!rows || rows.n === 0) continue;
        const feeds: Record<string, { data: Float32Array; dims: number[] }> = {};
        for (const i of onnx.value.inputs) {
          const columns = session.plan.sources.find((s) => s.node === i.node)?.columns ?? [];
          feeds[i.name] = inputFeed(rows, columns);
        }
        const outs = await runOnnx(onnx.value.bytes, feeds);
        for (const o of onnx.value.outputs) {
          const want = await session.executor.predict(rows, o.node);
          const got = outs[o.name];
          expect(got.length).toBe(want.length);
          for (let k = 0; k < got.length; k++) {
            expect(Math.abs(got[k] - want[k]), `${o.node}[${k}]: onnx ${got[k]}, wiregrad ${want[k]}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want[k])));
          }
        }
      }
    } finally {
      session.dispose();
    }
  });
});
