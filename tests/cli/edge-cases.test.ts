// What a careful user tried at the edges of the command line: graphs that need no data, graphs that need data but
// name none, negative flag values, overflow in `eval`, and a blow-up in `train` named by its edge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, STACK } from './run';

let dir = '';
const tmp = (name: string): string => join(dir, name);
const write = (name: string, doc: object): string => {
  writeFileSync(tmp(name), JSON.stringify(doc));
  return tmp(name);
};
const graph = (nodes: object[], edges: [string, string, string, string][], training?: object): object => ({
  format: 'wiregrad-graph', version: 1, nodes,
  edges: edges.map(([id, source, target, targetPort]) => ({ id, source, target, targetPort })),
  ...(training ? { training } : {}),
});

/** The tester's graph: Parameter [2,3] MatMul Constant [3,2], Sum, MSELoss against Constant 3; no data at all. */
const noData = (sum: object = { id: 's', op: 'Sum' }): object => graph([
  { id: 'A', op: 'Parameter', attrs: { shape: [2, 3] }, params: { value: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]] } },
  { id: 'C', op: 'Constant', attrs: { value: [[1, 2], [3, 4], [5, 6]] } },
  { id: 'mm', op: 'MatMul' }, sum,
  { id: 'goal', op: 'Constant', attrs: { value: 3 } },
  { id: 'loss', op: 'MSELoss' },
], [['e1', 'A', 'mm', 'a'], ['e2', 'C', 'mm', 'b'], ['e3', 'mm', 's', 'in'], ['e4', 's', 'loss', 'input'], ['e5', 'goal', 'loss', 'target']]);

/** x → Linear [[1,1]] → MSELoss ← y, with x = [[1e30, 1], [0, 1]] inline: (1e30)² overflows float32 in the loss. */
const overflow = (data: boolean): object => graph([
  { id: 'x', op: 'Input', attrs: { features: 2 } },
  { id: 'fc', op: 'Linear', attrs: { in: 2, out: 1 }, params: { weight: [[1, 1]], bias: [0] } },
  { id: 'y', op: 'Target', attrs: { features: 1 } },
  { id: 'loss', op: 'MSELoss' },
], [['e1', 'x', 'fc', 'in'], ['e2', 'fc', 'loss', 'input'], ['e3', 'y', 'loss', 'target']],
data ? { data: { inline: { x: [[1e30, 1], [0, 1]], y: [[0], [1]] } } } : undefined);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiregrad-cli-edges-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a graph that reads no data (no Input, Target or training)', () => {
  it('check, eval and train agree: it is valid, it evaluates and it trains on one empty row', async () => {
    const file = write('no-data.json', noData());
    const c = await cli(['check', file]);
    expect(c).toEqual({ code: 0, out: `${file}: ok\n`, err: '' });
    const e = await cli(['eval', file, '--json']);
    expect(e.err).toBe('');
    expect(e.code).toBe(0);
    // sum(A @ C) = 16.3, so the loss is (16.3 − 3)².
    expect(JSON.parse(e.out).loss).toBeCloseTo(13.3 ** 2, 3);
    const t = await cli(['train', file, '--steps', '2', '--json']);
    expect(t.code).toBe(0);
    expect(JSON.parse(t.out)).toMatchObject({ steps: 2, accuracy: null, testAccuracy: null });
  });
});

describe('a graph that reads data but names none', () => {
  const says = /training\.data: the graph reads data \(Input x, Target y\) but names none, so it cannot be evaluated or trained: add e\.g\. "training": \{"data": \{"builtin": "xor"\}\}/;

  it('check passes it (the file is valid; the editor and the ONNX export need no rows) with a warning saying what eval needs', async () => {
    const file = write('needs-data.json', overflow(false));
    const c = await cli(['check', file]);
    expect(c.code).toBe(0);
    expect(c.out).toBe(`${file}: ok\n`);
    expect(c.err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: warning: ${says.source}`));
  });

  it('eval and train refuse it with the same words', async () => {
    const file = write('needs-data.json', overflow(false));
    for (const args of [['eval', file, '--json'], ['train', file, '--steps', '3']]) {
      const r = await cli(args);
      expect(r.code, args[0]).toBe(1);
      expect(r.out, args[0]).toBe('');
      expect(r.err, args[0]).toMatch(says);
      expect(r.err, args[0]).not.toMatch(STACK);
    }
  });
});

describe('an attr outside its choices', () => {
  it('Sum with dim 2 lists every allowed value, not only the first', async () => {
    const file = write('dim2.json', noData({ id: 's', op: 'Sum', attrs: { dim: 2 } }));
    const r = await cli(['check', file]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${file}: nodes[3] (id "s").attrs.dim: must be one of null, 0, 1, -1; found the number 2\n`);
  });
});

describe('negative numbers after a flag', () => {
  it('are taken as the flag’s value and refused with our own message', async () => {
    const file = write('no-data.json', noData());
    for (const v of ['-3', '-0.5', '-1e3']) {
      const r = await cli(['train', file, '--steps', v]);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`train: --steps must be a whole number ≥ 0, got "${v}"\n`);
    }
  });

  it('a flag followed by another flag says how to pass a value that starts with a dash', async () => {
    const r = await cli(['train', write('no-data.json', noData()), '--steps', '2', '--out', '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^train: --out needs a value, but the next argument starts with a dash; if that is the value, write --out=VALUE\nusage: /);
  });
});

describe('eval on numbers that overflow', () => {
  it('prints the JSON with non-finite numbers as strings, names the first such edge on stderr and exits 1', async () => {
    const file = write('overflow.json', overflow(true));
    const r = await cli(['eval', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${file}: the value on the output of MSELoss loss is not finite (NaN or Infinity)\n`);
    const j = JSON.parse(r.out);
    expect(j.loss).toBe('Infinity');
    expect(j.edges.e2.value[0][0]).toBeCloseTo(1e30, -24);
    // ∂loss/∂w₀ = (2/2)·(1e30 − 0)·1e30 overflows too; the finite numbers stay numbers.
    expect(j.params['fc.weight'].grad[0][0]).toBe('Infinity');
    expect(typeof j.params['fc.weight'].grad[0][1]).toBe('number');
  });

  it('names an edge mid-graph when the overflow starts there, and checks the next file all the same', async () => {
    const mid = write('mid.json', graph([
      { id: 'x', op: 'Input', attrs: { features: 1 } },
      { id: 'w', op: 'Parameter', attrs: { shape: [] }, params: { value: 1e10 } },
      { id: 'mul', op: 'Mul' }, { id: 'relu', op: 'ReLU' },
      { id: 'y', op: 'Target', attrs: { features: 1 } }, { id: 'loss', op: 'MSELoss' },
    ], [['ex', 'x', 'mul', 'a'], ['ew', 'w', 'mul', 'b'], ['em', 'mul', 'relu', 'in'], ['er', 'relu', 'loss', 'input'], ['ey', 'y', 'loss', 'target']],
    { data: { inline: { x: [[1], [1e30]], y: [[0], [0]] } } }));
    const fine = write('no-data.json', noData());
    const r = await cli(['eval', mid, fine, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${mid}: the value on edge em (mul → relu.in) is not finite (NaN or Infinity)\n`);
    const [a, b] = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(a.edges.em.value).toEqual([[1e10], ['Infinity']]);
    expect(b.loss).toBeCloseTo(13.3 ** 2, 3);
  });
});

describe('train names the edge of a blow-up', () => {
  it('trains without keeping every edge, yet names the edge where the step first overflowed', async () => {
    const file = write('train-mid.json', graph([
      { id: 'x', op: 'Input', attrs: { features: 1 } },
      { id: 'w', op: 'Parameter', attrs: { shape: [] }, params: { value: 1e10 } },
      { id: 'mul', op: 'Mul' }, { id: 'relu', op: 'ReLU' },
      { id: 'y', op: 'Target', attrs: { features: 1 } }, { id: 'loss', op: 'MSELoss' },
    ], [['ex', 'x', 'mul', 'a'], ['ew', 'w', 'mul', 'b'], ['em', 'mul', 'relu', 'in'], ['er', 'relu', 'loss', 'input'], ['ey', 'y', 'loss', 'target']],
    { data: { inline: { x: [[1], [2], [3], [1e30]], y: [[0], [0], [0], [0]] } }, batchSize: 1, shuffle: false, optimizer: { type: 'sgd', lr: 1e-30 } }));
    const r = await cli(['train', file, '--steps', '10', '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${file}: training stopped at step 4: the value on edge em (mul → relu.in) is not finite (NaN or Infinity); the weights from before that step are kept\n`);
    expect(JSON.parse(r.out)).toMatchObject({ steps: 3 });
  });
});
