// Issue 2's "Done when": graphs written by hand from the spec alone (graphs/), evaluated and trained by wiregrad,
// agree with hand-written PyTorch float64 code (torch_reference.py) to 1e-4 relative: loss, every edge's value and
// gradient, every param's value and gradient, and 30 training steps (SGD momentum and weight decay, Adam, partial batches).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../engine/cli';
import { differences, evalDifferences, graphFile, GRAPHS, run, type EvalJson, type Ran } from './parity';

const TORCH_PYTHON = '/usr/bin/python3';
const NAMES = readdirSync(GRAPHS).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
/** Run through the real `npm run -s wiregrad` (a child process each); every other file goes through main() in-process. */
const BY_PROCESS = ['xor-mlp', 'logistic-regression'];
/** SGD+momentum, Adam, one-row batches (perceptron), batches of 2 over 5 rows with weight decay, Adam with every setting, no data at all. */
const TRAINED = ['xor-mlp', 'logistic-regression', 'step', 'concat-matmul', 'cross-entropy', 'no-batch'];

interface TrainJson {
  steps: number;
  loss: number | null;
  losses: (number | null)[];
}
interface Reference {
  eval: Record<string, EvalJson>;
  train: Record<string, { losses: number[]; params: Record<string, number | number[] | number[][]> }>;
}
interface TrainedDoc {
  nodes: { id: string; params?: Record<string, number | number[] | number[][]> }[];
}

async function inProcess(args: string[]): Promise<Ran> {
  let out = '', err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), tty: false });
  return { code, out, err };
}

function ok(r: Ran, what: string): string {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}:\n${r.err}`);
  return r.out;
}

let dir = '';
let ref: Reference;
const engineEval: Record<string, EvalJson> = {};
const engineTrain: Record<string, TrainJson> = {};
let checkRun: Ran;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wiregrad-acceptance-'));
  // torch takes seconds to import: start it first and let the engine work meanwhile.
  const torch = run(TORCH_PYTHON, ['tests/acceptance/torch_reference.py', GRAPHS]).catch((e: unknown) => {
    throw new Error(`cannot run ${TORCH_PYTHON} (Debian's python3 with python3-torch; scripts/ensure-deps.mjs --system installs it): ${String(e)}`);
  });
  const cliEval = run('npm', ['run', '-s', 'wiregrad', '--', 'eval', ...BY_PROCESS.map(graphFile), '--json']);
  const cliTrain = BY_PROCESS.map((n) => run('npm', ['run', '-s', 'wiregrad', '--', 'train', graphFile(n), '--steps', '30', '--json', '--out', join(dir, `${n}.json`)]));

  checkRun = await inProcess(['check', ...NAMES.map(graphFile)]);
  for (const n of NAMES.filter((m) => !BY_PROCESS.includes(m))) engineEval[n] = JSON.parse(ok(await inProcess(['eval', graphFile(n), '--json']), `eval ${n}`));
  for (const n of TRAINED.filter((m) => !BY_PROCESS.includes(m))) {
    engineTrain[n] = JSON.parse(ok(await inProcess(['train', graphFile(n), '--steps', '30', '--json', '--out', join(dir, `${n}.json`)]), `train ${n}`));
  }

  const lines = ok(await cliEval, 'npm run -s wiregrad -- eval').trimEnd().split('\n');
  BY_PROCESS.forEach((n, i) => (engineEval[n] = JSON.parse(lines[i])));
  const trained = await Promise.all(cliTrain);
  BY_PROCESS.forEach((n, i) => (engineTrain[n] = JSON.parse(ok(trained[i], `npm run -s wiregrad -- train ${n}`))));

  const t = await torch;
  if (t.code !== 0) throw new Error(`${TORCH_PYTHON} tests/acceptance/torch_reference.py failed (is python3-torch installed?):\n${t.err}`);
  ref = JSON.parse(t.out);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hand-written graphs against PyTorch float64', () => {
  it('every file covers the catalogue and passes `check`', () => {
    expect(checkRun.err).toBe('');
    expect(checkRun.code).toBe(0);
    const ops = new Set(NAMES.flatMap((n) => (JSON.parse(readFileSync(graphFile(n), 'utf8')) as { nodes: { op: string }[] }).nodes.map((x) => x.op)));
    expect([...ops].sort()).toEqual([
      'Add', 'BCELoss', 'BCEWithLogitsLoss', 'Concat', 'Constant', 'CrossEntropyLoss', 'GELU', 'Input', 'LeakyReLU', 'Linear',
      'LogSoftmax', 'MSELoss', 'MatMul', 'Mean', 'Mul', 'NLLLoss', 'Parameter', 'ReLU', 'Sigmoid', 'Softmax', 'Step', 'Sub',
      'Sum', 'Tanh', 'Target',
    ]);
  });

  it.each(NAMES)('%s: loss, every edge value and gradient, every param value and gradient agree to 1e-4', (name) => {
    expect(ref.eval[name], `torch_reference.py has no forward for ${name}`).toBeDefined();
    expect(evalDifferences(engineEval[name], ref.eval[name], )).toEqual([]);
  });

  it.each(TRAINED)('%s: 30 training steps give torch.optim\'s losses and final weights', (name) => {
    const mine = engineTrain[name];
    expect(mine.steps).toBe(30);
    expect(differences(mine.losses, ref.train[name].losses, 'losses')).toEqual([]);
    const doc = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as TrainedDoc;
    const found = Object.fromEntries(doc.nodes.flatMap((n) => Object.entries(n.params ?? {}).map(([p, v]) => [`${n.id}.${p}`, v])));
    for (const [key, want] of Object.entries(ref.train[name].params)) expect(differences(found[key] ?? null, want, key)).toEqual([]);
  });
});
