// A new user's mistakes on hand-written graphs (graphs/): each is refused with exit 1, one line per problem that
// names the file, the place and the rule (what was expected, what was found), and never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../engine/cli';
import { graphFile, type Ran } from './parity';

const STACK = /^\s+at |\.ts:\d+:\d+|Error: .*\n\s+at /m;

interface Doc {
  version: number;
  nodes: { id: string; op: string; attrs?: Record<string, unknown>; params?: Record<string, unknown>; [k: string]: unknown }[];
  edges: { id: string; source: string; target: string; targetPort: string }[];
  training: { optimizer: Record<string, unknown>; data: Record<string, unknown> };
  [k: string]: unknown;
}

let dir = '';
const file = (name: string): string => join(dir, `${name}.json`);

/** Writes graphs/<base>.json changed by `edit` to a temp file named `name`, as a user editing by hand would. */
function variant(name: string, base: string, edit: (d: Doc) => void): string {
  const d = JSON.parse(readFileSync(graphFile(base), 'utf8')) as Doc;
  edit(d);
  writeFileSync(file(name), JSON.stringify(d, null, 2));
  return file(name);
}
const node = (d: Doc, id: string) => {
  const n = d.nodes.find((m) => m.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};

async function cli(...args: string[]): Promise<Ran> {
  let out = '', err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), tty: false });
  return { code, out, err };
}

/** `check` refuses the file with exactly one line, which matches `line` after "FILE: ". */
async function refused(path: string, line: RegExp): Promise<void> {
  const r = await cli('check', path);
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).not.toMatch(STACK);
  const lines = r.err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`${path}: `)).toBe(true);
  expect(lines[0].slice(path.length + 2)).toMatch(line);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiregrad-mistakes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('typos in a hand-written file', () => {
  it('`attr` for `attrs` suggests the right key', async () => {
    await refused(variant('attr', 'xor-mlp', (d) => {
      const n = node(d, 'fc1');
      n.attr = n.attrs;
      delete n.attrs;
    }), /^nodes\[2\] \(id "fc1"\): unknown key `attr` \(did you mean `attrs`\?\)/);
  });

  it('a wrongly cased op names the node and the right spelling', async () => {
    await refused(variant('relu-case', 'xor-mlp', (d) => void (node(d, 'relu1').op = 'Relu')),
      /^nodes\[3\] \(id "relu1"\)\.op: unknown op "Relu" \(did you mean "ReLU"\?\)/);
    await refused(variant('sigmoid-case', 'xor-mlp', (d) => void (node(d, 'prob').op = 'sigmoid')), /did you mean "Sigmoid"\?/);
  });

  it('a PyTorch attr name lists the op\'s attrs', async () => {
    await refused(variant('out-features', 'xor-mlp', (d) => void (node(d, 'fc1').attrs = { in: 2, out: 4, out_features: 4 })),
      /^nodes\[2\] \(id "fc1"\)\.attrs: unknown attr `out_features` for Linear; its attrs are `in`, `out`, `bias`/);
  });

  it('a wrong port name lists the node\'s ports', async () => {
    await refused(variant('port', 'xor-mlp', (d) => void (d.edges[0].targetPort = 'input')),
      /^edges\[0\] \(id "e_x"\)\.targetPort: node `fc1` \(Linear\) has no input port `input`; its input ports are `in`/);
  });

  it('a misspelt source suggests the node meant', async () => {
    await refused(variant('dangling', 'xor-mlp', (d) => void (d.edges[1].source = 'fc_1')),
      /^edges\[1\] \(id "e_h"\)\.source: source "fc_1" is not a node of this graph \(did you mean "fc1"\?\)/);
  });

  it('training typos: an unknown optimizer key, an upper-case optimizer type, a misspelt top-level key', async () => {
    await refused(variant('lr-typo', 'xor-mlp', (d) => void (d.training.optimizer.learningRate = 0.5)),
      /^training\.optimizer: unknown key `learningRate` \(known keys: type, lr, momentum, weightDecay\)/);
    await refused(variant('sgd-case', 'xor-mlp', (d) => void (d.training.optimizer.type = 'SGD')),
      /^training\.optimizer\.type: must be "sgd" or "adam"; found the string "SGD" \(did you mean "sgd"\?\)/);
    await refused(variant('trainig', 'xor-mlp', (d) => {
      d.trainig = d.training;
      Reflect.deleteProperty(d, 'training');
    }), /^file: unknown key `trainig` \(did you mean `training`\?\)/);
  });

  it('attr values outside their choices say the choices and what was found', async () => {
    await refused(variant('gelu', 'activations', (d) => void (node(d, 'gelu_tanh').attrs = { approximate: 'tanh_' })),
      /^nodes\[4\] \(id "gelu_tanh"\)\.attrs\.approximate: must be one of "none", "tanh"; found the string "tanh_"/);
    await refused(variant('reduction', 'xor-mlp', (d) => void (node(d, 'loss').attrs = { reduction: 'none' })),
      /^nodes\[6\] \(id "loss"\)\.attrs\.reduction: must be one of "mean", "sum"; found the string "none"/);
    // A choice of null and numbers lists them all, not only the first branch's "expected null".
    await refused(variant('dim', 'reductions', (d) => void (d.nodes.find((n) => n.op === 'Sum' || n.op === 'Mean')!.attrs = { dim: 2 })),
      /^nodes\[\d+\] \(id "[^"]+"\)\.attrs\.dim: must be one of null, 0, 1, -1; found the number 2$/);
  });
});

describe('shapes that do not fit', () => {
  it('a Linear whose `in` does not match what flows in names both numbers', async () => {
    await refused(variant('fc2-in', 'xor-mlp', (d) => {
      node(d, 'fc2').attrs = { in: 3, out: 1 };
      node(d, 'fc2').params = { weight: [[0.7, -0.5, 0.6]], bias: [0.05] };
    }), /^nodes\[4\] \(id "fc2"\): Linear fc2 expects 3 input features \(attrs\.in\), got 4 \(shape \[B, 4\]\)/);
  });

  it('a weight of the wrong shape says the shape expected and found', async () => {
    await refused(variant('weight', 'xor-mlp', (d) => void (node(d, 'fc1').params = { weight: [[0.5, -0.4], [0.3, 0.8], [-0.6, 0.7]], bias: [0, 0, 0, 0] })),
      /^nodes\[2\] \(id "fc1"\)\.params\.weight: Linear fc1: `weight` must have shape \[4, 2\]; found \[3, 2\]/);
  });

  it('a Parameter sized to the data\'s row count cannot meet the batch dimension, and the message says why', async () => {
    await refused(variant('fixed-rows', 'broadcast', (d) => {
      const n = node(d, 'rowscale');
      n.attrs = { shape: [4, 1] };
      n.params = { value: [[1], [0.5], [-0.5], [2]] };
    }), /^nodes\[\d+\] \(id "mul2"\): Mul mul2 cannot broadcast `a` \[B, 3\] with `b` \[4, 1\]: the batch dimension B cannot stretch to a fixed size 4/);
  });

  it('Input features that disagree with the data, and a column the data lacks', async () => {
    await refused(variant('features', 'logistic-regression', (d) => {
      node(d, 'x').attrs = { features: 4 };
      node(d, 'lin').attrs = { in: 4, out: 1 };
      node(d, 'lin').params = { weight: [[0.2, -0.1, 0.4, 0.1]], bias: [0] };
    }), /^nodes\[0\] \(id "x"\)\.attrs\.features: Input x has features 4 but the data set inline has 3 columns/);
    await refused(variant('column', 'concat-matmul', (d) => void (node(d, 'xa').attrs = { features: 2, columns: [0, 5] })),
      /^nodes\[0\] \(id "xa"\)\.attrs\.columns: Input xa reads column 5, which the data set inline does not have/);
  });

  it('cross-entropy on float targets asks for class indices', async () => {
    await refused(variant('ce-float', 'cross-entropy', (d) => {
      node(d, 'y').attrs = { features: 1 };
      d.training.data = { inline: { x: [[0.1, 0.9], [1.2, -0.4]], y: [[1], [0]] } };
    }), /^nodes\[5\] \(id "ce"\): CrossEntropyLoss ce needs class indices \[B\] on `target` \(a Target with `classes: K`\), got \[B, 1\]/);
  });

  it('a class index beyond `classes`, ragged rows, and x and y of different lengths', async () => {
    await refused(variant('class', 'softmax-nll', (d) => void ((d.training.data.inline as { y: number[] }).y = [0, 3, 1, 2])),
      /^training\.data: Target y has classes 3 but the data set inline has 4 classes/);
    await refused(variant('ragged', 'xor-mlp', (d) => void (d.training.data = { inline: { x: [[0, 0], [0, 1], [1]], y: [[0], [1], [1]] } })),
      /^training\.data\.inline\.x\[2\]: has 1 .* 2 \(ragged data\)/);
    await refused(variant('rows', 'xor-mlp', (d) => void (d.training.data = { inline: { x: [[0, 0], [0, 1], [1, 1]], y: [[0], [1]] } })),
      /^training\.data\.inline\.y: has 2 rows but x has 3/);
  });
});

describe('structure', () => {
  it('a cycle is spelt out node by node, a self-loop and a second edge into a port are named', async () => {
    await refused(variant('cycle', 'xor-mlp', (d) => void (d.edges[0] = { id: 'e_x', source: 'prob', target: 'fc1', targetPort: 'in' })),
      /cycle through fc1 → relu1 → fc2 → prob → fc1/);
    await refused(variant('self', 'xor-mlp', (d) => void (d.edges[3] = { id: 'e_z', source: 'prob', target: 'prob', targetPort: 'in' })),
      /^edges\[3\] \(id "e_z"\): self-loop: node `prob` feeds its own input port `in`/);
    await refused(variant('twice', 'xor-mlp', (d) => void d.edges.push({ id: 'e_more', source: 'prob', target: 'fc1', targetPort: 'in' })),
      /^edges\[6\] \(id "e_more"\): input port `in` of node `fc1` already has an edge/);
  });

  it('an unconnected port, a newer version, a different format, truncated JSON', async () => {
    await refused(variant('unwired', 'xor-mlp', (d) => void d.edges.splice(0, 1)), /^nodes\[2\] \(id "fc1"\): input port `in` of node `fc1` has no edge/);
    await refused(variant('v2', 'xor-mlp', (d) => void (d.version = 2)), /^version: version 2 is newer than this reader: this reader supports version 1/);
    await refused(variant('format', 'xor-mlp', (d) => void (d.format = 'wiregraph')), /^format: .*"wiregraph".*supports "wiregrad-graph"/);
    writeFileSync(file('truncated'), '{"format": "wiregrad-graph", "version": 1, "nodes": [');
    await refused(file('truncated'), /^line 1, column \d+: not valid JSON/);
  });
});

describe('the command line, used the wrong way', () => {
  it('train without --steps, or with a fractional count, says what it needs', async () => {
    const none = await cli('train', graphFile('xor-mlp'));
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^train: --steps is required\nusage: wiregrad train FILE --steps N/);
    const frac = await cli('train', graphFile('xor-mlp'), '--steps', '2.5');
    expect(frac.err).toBe('train: --steps must be a whole number ≥ 0, got "2.5"\n');
  });

  it('a missing file and a directory are named with the reason, for every command', async () => {
    mkdirSync(join(dir, 'a-folder'));
    for (const cmd of [['check'], ['eval', '--json'], ['train', '--steps', '3']]) {
      const missing = await cli(cmd[0], file('nope'), ...cmd.slice(1));
      expect(missing.code).toBe(1);
      expect(missing.err).toBe(`${file('nope')}: cannot read the file: no such file\n`);
      const folder = await cli(cmd[0], join(dir, 'a-folder'), ...cmd.slice(1));
      expect(folder.err).toBe(`${join(dir, 'a-folder')}: cannot read the file: it is a directory\n`);
    }
  });

  it('a graph without a loss evaluates but does not train', async () => {
    const path = variant('no-loss', 'xor-mlp', (d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'loss' && n.id !== 'y');
      d.edges = d.edges.filter((e) => e.target !== 'loss');
    });
    const ev = await cli('eval', path, '--json');
    expect(ev.code).toBe(0);
    expect(JSON.parse(ev.out).loss).toBeNull();
    const tr = await cli('train', path, '--steps', '3');
    expect(tr.code).toBe(1);
    expect(tr.err).toBe(`${path}: the graph has no loss node, so there is nothing to train (add e.g. an MSELoss)\n`);
  });
});
