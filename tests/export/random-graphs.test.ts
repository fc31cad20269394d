// Random graphs covering every op (fast-check, fixed seed): the exported PyTorch script trains exactly as wiregrad
// (real torch, 30 steps, 1e-4 relative), and the ONNX model computes every node's output as wiregrad does (1e-5).
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from '../../engine/export/onnx';
import { exportPytorch } from '../../engine/export/pytorch';
import { exportSourceOf } from '../../engine/export/from-session';
import { OP_NAMES } from '../../engine/ops/registry';
import { exportAndTrain, firstMismatch, inputFeed, lossLines, openSession, runOnnx, runScripts, withShuffle } from './harness';
import { sampleGraphs } from './random-graphs';

const STEPS = 30;
const REL = 1e-4;
const GRAPHS = sampleGraphs(OP_NAMES, 36, 20261126);

interface Outcome {
  name: string;
  shuffle: boolean;
  want: Float32Array;
  got: number[];
  error: string | null;
}

describe('PyTorch export of random graphs', () => {
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    const jobs: { name: string; shuffle: boolean; script: string; want: Float32Array }[] = [];
    for (const [i, { doc }] of GRAPHS.entries()) {
      const modes = doc.training?.shuffle ? [false, true] : [false];
      for (const shuffle of modes) {
        const { source, losses, session } = await exportAndTrain(withShuffle(doc, shuffle), STEPS);
        session.dispose();
        const script = exportPytorch(source);
        if (!script.ok) throw new Error(`graph ${i}: export refused: ${JSON.stringify(script.errors)}`);
        jobs.push({ name: `graph ${i} (${doc.name})`, shuffle, script: script.value, want: losses });
      }
    }
    const runs = runScripts(jobs.map((j) => ({ script: j.script, args: ['--steps', String(STEPS), ...(j.shuffle ? [] : ['--no-shuffle'])] })));
    jobs.forEach((j, i) => {
      const error = runs[i].error;
      outcomes.push({ name: j.name, shuffle: j.shuffle, want: j.want, got: error ? [] : lossLines(runs[i].stdout), error });
    });
  }, 240_000);

  it('the sample holds every op of the catalogue', () => {
    const seen = new Set(GRAPHS.flatMap((g) => g.doc.nodes.map((n) => n.op)));
    expect(OP_NAMES.filter((op) => !seen.has(op))).toEqual([]);
  });

  it('every exported script runs and prints one loss per step', () => {
    const broken = outcomes.filter((o) => o.error !== null || o.got.length !== STEPS);
    expect(broken.map((o) => `${o.name}: ${o.error ?? `${o.got.length} loss lines`}`)).toEqual([]);
  });

  it('with shuffling off, torch\'s losses follow wiregrad\'s to 1e-4 for 30 steps', () => {
    const off = outcomes.filter((o) => !o.shuffle);
    expect(off.length).toBe(GRAPHS.length);
    const parted = off.map((o) => ({ o, at: firstMismatch(o.got, o.want, REL) })).filter((x) => x.at >= 0);
    expect(parted.map(({ o, at }) => `${o.name} step ${at}: torch ${o.got[at]}, wiregrad ${o.want[at]}`)).toEqual([]);
  });

  it('with shuffling on, the embedded epoch orders keep torch on wiregrad\'s minibatches', () => {
    const on = outcomes.filter((o) => o.shuffle);
    expect(on.length).toBeGreaterThan(0);
    const parted = on.map((o) => ({ o, at: firstMismatch(o.got, o.want, REL) })).filter((x) => x.at >= 0);
    expect(parted.map(({ o, at }) => `${o.name} step ${at}: torch ${o.got[at]}, wiregrad ${o.want[at]}`)).toEqual([]);
  });
});

describe('ONNX export of random graphs', () => {
  it('onnxruntime computes every node\'s output as wiregrad does, to 1e-5', async () => {
    const wrong: string[] = [];
    for (const [i, { doc }] of GRAPHS.entries()) {
      const session = await openSession(withShuffle(doc, false));
      try {
        await session.train(5);
        const outputs = session.plan.nodes.filter((n) => !['Input', 'Target'].includes(n.op) && !session.plan.losses.some((l) => l.node === n.id)).map((n) => n.id);
        const onnx = exportOnnx(await exportSourceOf(session), { outputs });
        if (!onnx.ok) throw new Error(`graph ${i}: export refused: ${JSON.stringify(onnx.errors)}`);
        const rows = session.data.train;
        const feeds = Object.fromEntries(onnx.value.inputs.map((inp) =>
          [inp.name, inputFeed(rows, session.plan.sources.find((s) => s.node === inp.node)?.columns ?? [])]));
        const outs = await runOnnx(onnx.value.bytes, feeds);
        for (const o of onnx.value.outputs) {
          const want = await session.executor.predict(rows, o.node);
          const got = outs[o.name];
          const op = doc.nodes.find((n) => n.id === o.node)?.op;
          if (got.length !== want.length) wrong.push(`graph ${i} ${op} ${o.node}: ${got.length} values, wiregrad ${want.length}`);
          for (let k = 0; k < got.length; k++) {
            if (!(Math.abs(got[k] - want[k]) <= 1e-5 * Math.max(1, Math.abs(want[k])))) {
              wrong.push(`graph ${i} ${op} ${o.node}[${k}]: onnx ${got[k]}, wiregrad ${want[k]}`);
              break;
            }
          }
        }
      } finally {
        session.dispose();
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
