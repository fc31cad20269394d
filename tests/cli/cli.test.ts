import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraph } from '../../engine/graph/load';
import { cli, cliProcess, ROOT, STACK } from './run';

const ex = (name: string): string => join(ROOT, 'public/examples', `${name}.json`);
let dir = '';
const tmp = (name: string): string => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiregrad-cli-'));
  const blowUp = JSON.parse(readFileSync(ex('relu-unit'), 'utf8'));
  blowUp.training.data.inline = { x: [[1], [2]], y: [[0], [1e20]] };
  writeFileSync(tmp('blow-up.json'), JSON.stringify(blowUp));
  writeFileSync(tmp('not-json.json'), '{"format": "wiregrad-graph", ');
  const unknownOp = JSON.parse(readFileSync(ex('xor-mlp'), 'utf8'));
  unknownOp.nodes[2].op = 'tanh';
  writeFileSync(tmp('unknown-op.json'), JSON.stringify(unknownOp));
  const noLoss = JSON.parse(readFileSync(ex('xor-mlp'), 'utf8'));
  noLoss.nodes = noLoss.nodes.filter((n: { id: string }) => n.id !== 'loss' && n.id !== 'y');
  noLoss.edges = noLoss.edges.filter((e: { target: string }) => e.target !== 'loss');
  writeFileSync(tmp('no-loss.json'), JSON.stringify(noLoss));
  const wrongData = JSON.parse(readFileSync(ex('xor-mlp'), 'utf8'));
  wrongData.training.data = { builtin: 'iris' };
  writeFileSync(tmp('wrong-data.json'), JSON.stringify(wrongData));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wiregrad check', () => {
  it('exits 0 and says ok for valid files', async () => {
    const r = await cli(['check', ex('xor-mlp'), ex('iris-mlp')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${ex('xor-mlp')}: ok\n${ex('iris-mlp')}: ok\n`);
    expect(r.err).toBe('');
  });

  it('exits 1 listing each refused file with the place and the rule, and still checks the others', async () => {
    const r = await cli(['check', tmp('not-json.json'), tmp('unknown-op.json'), ex('xor-mlp'), tmp('wrong-data.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`${ex('xor-mlp')}: ok\n`);
    expect(r.err).toContain(`${tmp('not-json.json')}: `);
    expect(r.err).toMatch(/unknown-op\.json: nodes\[2\] \(id "act"\)\.op: .*"tanh".*Tanh/);
    expect(r.err).toMatch(/wrong-data\.json: nodes\[0\] \(id "x"\)\.attrs\.features: Input x has features 2 but the data set iris has 4 columns/);
    expect(r.err).not.toMatch(STACK);
  });
});

describe('wiregrad eval', () => {
  it('prints one JSON line per file: loss, every edge’s value and gradient in its shape, every param', async () => {
    const r = await cli(['eval', ex('weight-sharing'), ex('xor-mlp'), '--json']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const ws = JSON.parse(lines[0]);
    // w = 0.5 on x = (1,2), (2,−1), (0,1), (−1,−3) against y = 3(x1 + x2): mean of squared errors.
    expect(ws.loss).toBeCloseTo(((1.5 - 9) ** 2 + (0.5 - 3) ** 2 + (0.5 - 3) ** 2 + (-2 + 12) ** 2) / 4, 4);
    expect(ws.edges.e1.value).toEqual([[1], [2], [0], [-1]]);
    expect(ws.edges.e2.value).toBe(0.5);
    expect(typeof ws.edges.e2.grad).toBe('number');
    expect(ws.edges.e8.grad).toBeNull();
    expect(ws.params['w.value'].grad).toBeCloseTo(ws.edges.e2.grad + ws.edges.e4.grad, 4);
    const xor = JSON.parse(lines[1]);
    expect(Object.keys(xor.edges).sort()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(xor.params['hidden.weight'].value).toHaveLength(4);
    expect(xor.params['hidden.weight'].value[0]).toHaveLength(2);
    expect(xor.edges.e2.value).toHaveLength(4);
  });

  it('a graph without a loss evaluates with loss null', async () => {
    const r = await cli(['eval', tmp('no-loss.json'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).loss).toBeNull();
  });
});

describe('wiregrad train', () => {
  it('--json prints steps, final loss, accuracies and one loss per step', async () => {
    const r = await cli(['train', ex('iris-mlp'), '--steps', '30', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['steps', 'loss', 'accuracy', 'testAccuracy', 'losses']);
    expect(j.steps).toBe(30);
    expect(j.losses).toHaveLength(30);
    expect(j.loss).toBe(j.losses[29]);
    expect(j.accuracy).toBeGreaterThan(0);
    expect(j.testAccuracy).toBeGreaterThan(0);
    expect(r.err).toBe('');
  });

  it('accuracies are null where they do not apply', async () => {
    const j = JSON.parse((await cli(['train', ex('relu-unit'), '--steps', '3', '--json'])).out);
    expect(j).toMatchObject({ steps: 3, accuracy: null, testAccuracy: null });
  });

  it('shows progress as one updating line on a terminal, and none otherwise', async () => {
    const tty = await cli(['train', ex('xor-mlp'), '--steps', '450'], true);
    expect(tty.err).toMatch(/^\rstep 200\/450 {2}loss \S+ +\rstep 400\/450 {2}loss \S+ +\rstep 450\/450 {2}loss \S+ +\n$/);
    expect(tty.out).toMatch(/450 steps, loss .*, accuracy 100\.0%/);
    const pipe = await cli(['train', ex('xor-mlp'), '--steps', '10']);
    expect(pipe.err).toBe('');
  });

  it('--out writes the trained graph, which loads again and evaluates to the final weights', async () => {
    const out = tmp('xor-trained.json');
    const r = await cli(['train', ex('xor-mlp'), '--steps', '300', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const loaded = loadGraph(readFileSync(out, 'utf8'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.nodes.find((n) => n.id === 'hidden')?.params?.weight).toHaveLength(4);
    // Training 0 more steps from the written file: already 100% accurate.
    const again = JSON.parse((await cli(['train', out, '--steps', '0', '--json'])).out);
    expect(again).toMatchObject({ steps: 0, accuracy: 1, losses: [] });
  });

  it('a non-finite loss stops training, names where, exits 1, and --out keeps the last good weights', async () => {
    const out = tmp('blow-up-out.json');
    const r = await cli(['train', tmp('blow-up.json'), '--steps', '10', '--json', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/blow-up\.json: training stopped at step 1: the (value|gradient) on .* is not finite/);
    expect(JSON.parse(r.out)).toMatchObject({ steps: 0 });
    const saved = JSON.parse(readFileSync(out, 'utf8'));
    expect(saved.nodes.find((n: { id: string }) => n.id === 'w').params.value).toBe(0.5);
  });

  it('refuses a graph with no loss, bad flags and a bad step count, readably', async () => {
    expect((await cli(['train', tmp('no-loss.json'), '--steps', '5'])).err).toMatch(/no-loss\.json: the graph has no loss node/);
    expect((await cli(['train', ex('xor-mlp'), '--steps=-3'])).err).toBe('train: --steps must be a whole number ≥ 0, got "-3"\n');
    expect((await cli(['train', ex('xor-mlp')])).err).toMatch(/^train: --steps is required\nusage: wiregrad train FILE/);
    expect((await cli(['train', ex('xor-mlp'), '--steps', '5', '--backend', 'tpu'])).err).toMatch(/--backend must be one of cpu, webgpu, auto, got "tpu"/);
  });
});

describe('the real command line', () => {
  it('trains xor-mlp to 100% accuracy: npm run -s wiregrad -- train public/examples/xor-mlp.json --steps 300 --json', () => {
    const r = cliProcess(['train', 'public/examples/xor-mlp.json', '--steps', '300', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ steps: 300, accuracy: 1, testAccuracy: null });
    expect(j.losses).toHaveLength(300);
  });

  it('errors go to stderr with exit 1 and never a stack trace', () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /^wiregrad: unknown command "frobnicate"; commands: check, eval, .*train.*\n$/],
      [['check', tmp('not-json.json')], /not-json\.json: .*JSON/],
    ];
    for (const [args, message] of cases) {
      const r = cliProcess(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.out, args.join(' ')).toBe('');
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err, args.join(' ')).not.toMatch(STACK);
    }
  });
});

describe('every refusal is one readable message', () => {
  it('missing file, unknown flag, no command: exit 1, stderr only, no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['check', 'no/such/file.json'], /^no\/such\/file\.json: cannot read the file: no such file\n$/],
      [['eval', ex('xor-mlp'), '--jsn'], /^eval: Unknown option '--jsn'/],
      [['eval'], /^eval: no file given\nusage: wiregrad eval FILE/],
      [['check', tmp('unknown-op.json')], /unknown-op\.json: nodes\[2\]/],
      [[], /^usage: wiregrad <command>/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.out, args.join(' ')).toBe('');
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err, args.join(' ')).not.toMatch(STACK);
    }
  });
});
