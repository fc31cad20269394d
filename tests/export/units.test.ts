// The exporters' parts: names, exact literals, which ops can be spelled, the script's shape, the ONNX model's structure.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import { exportFile, exportSourceOfDoc } from '../../engine/export/from-doc';
import { exportSourceOf } from '../../engine/export/from-session';
import { float32Base64, float32Literal, nestedLiteral } from '../../engine/export/literals';
import { nodeNames, toIdentifier } from '../../engine/export/names';
import { exportOnnx } from '../../engine/export/onnx';
import { decodeModel } from '../../engine/export/onnx-proto';
import { exportPytorch } from '../../engine/export/pytorch';
import { loadGraph } from '../../engine/graph/load';
import type { GraphDoc } from '../../engine/graph/types';
import { OPS } from '../../engine/ops/registry';
import { inputFeed, openSession, runOnnx } from './harness';

const example = (file: string): GraphDoc => {
  const r = loadGraph(readFileSync(join(__dirname, '../../public/examples', file), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

describe('names', () => {
  it('turns labels into Python identifiers', () => {
    expect(toIdentifier('hidden layer (4 units)')).toBe('hidden_layer_4_units');
    expect(toIdentifier('2nd layer')).toBe('n_2nd_layer');
    expect(toIdentifier('Übergang')).toBe('ubergang');
    expect(toIdentifier('···')).toBe('');
  });

  it('keeps names unique and clear of Python keywords and the script\'s own names', () => {
    const doc: GraphDoc = {
      format: 'wiregrad-graph', version: 1, edges: [],
      nodes: [
        { id: 'a', op: 'ReLU', label: 'class' }, { id: 'b', op: 'ReLU', label: 'x' }, { id: 'c', op: 'ReLU', label: 'loss' },
        { id: 'd', op: 'ReLU', label: 'same' }, { id: 'e', op: 'ReLU', label: 'same' }, { id: 'f-1', op: 'ReLU' },
        { id: 'g', op: 'ReLU', label: 'a label far too long to make a readable variable name' },
      ],
    };
    expect([...nodeNames(doc).values()]).toEqual(['class_', 'x_', 'loss_', 'same', 'same_2', 'f_1', 'g']);
  });
});

describe('literals', () => {
  it('writes the shortest decimal that reads back as the same float32', () => {
    expect(float32Literal(0.1)).toBe('0.1');
    expect(float32Literal(Math.fround(1 / 3))).toBe('0.33333334');
    expect(float32Literal(1e-30)).toBe('1e-30');
    for (const v of [Math.PI, -2.5e-7, 123456.789, Math.fround(0.7)]) {
      expect(Math.fround(Number(float32Literal(v)))).toBe(Math.fround(v));
    }
    expect(float32Literal(NaN)).toBe('float("nan")');
  });

  it('nests row-major values in their shape', () => {
    expect(nestedLiteral([1, 2, 3, 4, 5, 6], [2, 3])).toBe('[[1, 2, 3], [4, 5, 6]]');
    expect(nestedLiteral([0.5], [])).toBe('0.5');
  });

  it('encodes large tensors as little-endian float32 bytes', () => {
    const bytes = Uint8Array.from(atob(float32Base64([1, -2])), (c) => c.charCodeAt(0));
    expect(Array.from(new Float32Array(bytes.buffer))).toEqual([1, -2]);
  });
});

describe('op spellings', () => {
  it('every op but the data sources has a PyTorch spelling, and every non-loss an ONNX one', () => {
    const ops = [...OPS.values()].filter((d) => !d.source);
    expect(ops.filter((d) => !d.torch).map((d) => d.op)).toEqual([]);
    expect(ops.filter((d) => !d.isLoss && !d.onnx).map((d) => d.op)).toEqual([]);
  });
});

describe('the PyTorch script', () => {
  it('reads as the lecture\'s training loop, with names from the labels', async () => {
    const session = await openSession(example('xor-mlp.json'));
    const script = exportPytorch(await exportSourceOf(session));
    session.dispose();
    if (!script.ok) throw new Error(JSON.stringify(script.errors));
    const py = script.value;
    expect(py).toContain('class Model(nn.Module):');
    expect(py).toContain('self.hidden_layer_4_units = nn.Linear(2, 4, bias=True)  # hidden: Linear');
    expect(py).toMatch(/hidden_layer_4_units = self\.hidden_layer_4_units\(x\)/);
    expect(py).toMatch(/model\.train\(\)\n\s+optimizer\.zero_grad\(\)\n\s+loss, _ = model\(xb, yb\).*\n\s+loss\.backward\(\)\n\s+optimizer\.step\(\)/);
    expect(py).toMatch(/model\.eval\(\)\n\s+with torch\.no_grad\(\):/);
    expect(py).toMatch(/torch\.optim\.(SGD|Adam)\(model\.parameters\(\), lr=/);
    expect(py).not.toMatch(/^import (?!argparse|base64|sys|torch)/m);
  });

  it('refuses a graph with no loss, saying what to add', async () => {
    const doc = example('xor-mlp.json');
    const losses = new Set(doc.nodes.filter((n) => n.op.endsWith('Loss')).map((n) => n.id));
    const noLoss: GraphDoc = { ...doc, nodes: doc.nodes.filter((n) => !losses.has(n.id)), edges: doc.edges.filter((e) => !losses.has(e.target)) };
    const session = await openSession(noLoss);
    const script = exportPytorch(await exportSourceOf(session));
    session.dispose();
    expect(script.ok).toBe(false);
    if (!script.ok) expect(script.errors[0].message).toMatch(/no loss node.*add a loss/);
  });
});

describe('the ONNX model', () => {
  it('is opset 17 with a symbolic batch, weights as named initializers, Linear as Gemm', async () => {
    const session = await openSession(example('xor-mlp.json'));
    const onnx = exportOnnx(await exportSourceOf(session));
    session.dispose();
    if (!onnx.ok) throw new Error(JSON.stringify(onnx.errors));
    const m = decodeModel(onnx.value.bytes) as {
      irVersion: number; opsetImport: { version: number }[];
      graph: { node: { opType: string; attribute?: { name: string; i?: number }[] }[]; initializer: { name: string; dims: number[] }[]; input: unknown[]; output: unknown[] };
    };
    expect(m.irVersion).toBe(8);
    expect(m.opsetImport[0].version).toBe(17);
    expect(JSON.stringify(m.graph.input)).toContain('"dimParam":"batch"');
    expect(m.graph.initializer.map((t) => [t.name, t.dims])).toContainEqual(['hidden_layer_4_units.weight', [4, 2]]);
    const gemm = m.graph.node.find((n) => n.opType === 'Gemm');
    expect(gemm?.attribute).toContainEqual(expect.objectContaining({ name: 'transB', i: 1 }));
    expect(onnx.value.outputs.map((o) => o.node)).toEqual(['prob']);
  });

  it('exports a graph with no loss up to its sinks, leaving the Target out', async () => {
    const doc = example('xor-mlp.json');
    const losses = new Set(doc.nodes.filter((n) => n.op.endsWith('Loss')).map((n) => n.id));
    const noLoss: GraphDoc = { ...doc, nodes: doc.nodes.filter((n) => !losses.has(n.id)), edges: doc.edges.filter((e) => !losses.has(e.target)) };
    const session = await openSession(noLoss);
    const onnx = exportOnnx(await exportSourceOf(session));
    session.dispose();
    if (!onnx.ok) throw new Error(JSON.stringify(onnx.errors));
    expect(onnx.value.outputs.map((o) => o.node)).toEqual(['prob']);
  });

  it('refuses to export a loss or an unknown node, naming it', async () => {
    const session = await openSession(example('xor-mlp.json'));
    const model = await exportSourceOf(session);
    session.dispose();
    const loss = model.plan.losses[0].node;
    const r = exportOnnx(model, { outputs: [loss, 'nope'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message).join('\n')).toMatch(/no node "nope"/);
    const r2 = exportOnnx(model, { outputs: [loss] });
    if (!r2.ok) expect(r2.errors[0].message).toMatch(/is a loss/);
    expect(r2.ok).toBe(false);
  });
});

describe('exporting from the editor', () => {
  it('a document alone gives the same script as a session on it', async () => {
    const doc = example('iris-mlp.json');
    const session = await openSession(doc);
    const fromSession = exportPytorch(await exportSourceOf(session));
    session.dispose();
    const source = await exportSourceOfDoc(doc, nodeDatasetReader);
    if (!source.ok) throw new Error(JSON.stringify(source.errors));
    const fromDoc = exportPytorch(source.value);
    expect(fromDoc.ok && fromSession.ok && fromDoc.value === fromSession.value).toBe(true);
  });

  it('exportFile gives the Export menu a named file, or the issues', async () => {
    const py = await exportFile(example('xor-mlp.json'), 'pytorch', nodeDatasetReader);
    expect(py.ok && py.value.name).toBe('xor_with_one_hidden_layer.py');
    const onnx = await exportFile(example('xor-mlp.json'), 'onnx', nodeDatasetReader);
    expect(onnx.ok && onnx.value.content instanceof Uint8Array).toBe(true);
    const broken = example('xor-mlp.json');
    const refused = await exportFile({ ...broken, training: { ...broken.training, data: { builtin: 'iris' } } }, 'pytorch', nodeDatasetReader);
    expect(refused.ok).toBe(false);
  });

  it('the exporters reach no Node API through their imports', () => {
    for (const entry of ['engine/export/pytorch.ts', 'engine/export/onnx.ts', 'engine/export/from-doc.ts', 'engine/export/from-session.ts']) {
      const { packages } = importGraph(entry);
      expect([...packages].filter((p) => p.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'buffer'].includes(p)), entry).toEqual([]);
    }
  });
});

/** Packages a module reaches at run time through relative imports (type-only imports vanish when compiled). */
function importGraph(entry: string): { packages: Set<string> } {
  const packages = new Set<string>(), seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8').replace(/^import type [^;]*;/gm, '').replace(/typeof import\([^)]*\)/g, '');
    for (const m of code.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const found = [`${base}.ts`, `${base}/index.ts`].find((p) => existsSync(p));
      if (found) visit(found);
    }
  };
  visit(resolve(__dirname, '../..', entry));
  return { packages };
}

describe('ONNX outputs', () => {
  it('an Input and a Parameter can be outputs too', async () => {
    const session = await openSession(example('weight-sharing.json'));
    const model = await exportSourceOf(session);
    const ids = model.plan.nodes.filter((n) => n.op === 'Input' || n.op === 'Parameter').map((n) => n.id);
    const onnx = exportOnnx(model, { outputs: ids });
    if (!onnx.ok) throw new Error(JSON.stringify(onnx.errors));
    const rows = session.data.train;
    const feeds = Object.fromEntries(onnx.value.inputs.map((i) => [i.name, inputFeed(rows, model.plan.sources.find((s) => s.node === i.node)?.columns ?? [])]));
    const outs = await runOnnx(onnx.value.bytes, feeds);
    for (const o of onnx.value.outputs) {
      expect(Array.from(outs[o.name]), o.node).toEqual(Array.from(await session.executor.predict(rows, o.node)));
    }
    session.dispose();
  });
});
