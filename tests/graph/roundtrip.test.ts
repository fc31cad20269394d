// saveGraph writes a stable, pretty file that loads back to the same document.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../../engine/graph/load';
import { saveGraph } from '../../engine/graph/serialize';
import type { GraphDoc } from '../../engine/graph/types';
import { xorDoc, xorWith } from './fixtures';

function load(text: string): GraphDoc {
  const r = loadGraph(text);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

describe('saveGraph', () => {
  it('round-trips a valid file through loadGraph to the same document', () => {
    const doc = load(JSON.stringify(xorDoc()));
    const again = load(saveGraph(doc));
    expect(again).toEqual(doc);
    expect(saveGraph(again)).toBe(saveGraph(doc));
  });

  it('round-trips inline data, Adam and odd Unicode labels', () => {
    const doc = load(xorWith((d) => {
      d.training = { data: { inline: { x: [[0, 0], [1, 1e-7]], y: [0, 1] } }, optimizer: { type: 'adam', lr: 0.001, betas: [0.9, 0.999], eps: 1e-8 } };
      d.nodes[1].attrs = { classes: 2 };
      d.nodes[4].attrs = { in: 3, out: 2 };
      d.nodes[5].op = 'LogSoftmax';
      d.nodes[6].op = 'NLLLoss';
      d.nodes[0].label = 'lone \uDC00 surrogate, RTL \u202E mark, emoji 😀';
    }));
    expect(load(saveGraph(doc))).toEqual(doc);
  });

  it('writes keys in the spec order, tensor rows on one line, and ends with a newline', () => {
    const text = saveGraph(load(JSON.stringify(xorDoc())));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('        "weight": [\n          [0.1, -0.2],\n          [0.3, 0.4],\n          [0.5, 0.6]\n        ]');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['format', 'version', 'name', 'nodes', 'edges', 'training', 'ui']);
  });

  it('is stable whatever order the keys came in', () => {
    const doc = load(JSON.stringify(xorDoc()));
    const shuffled = JSON.parse(JSON.stringify({ ui: doc.ui, training: doc.training, edges: doc.edges, nodes: doc.nodes, version: 1, format: 'wiregrad-graph', name: doc.name })) as GraphDoc;
    expect(saveGraph(shuffled)).toBe(saveGraph(doc));
  });

  it('round-trips every shipped example', () => {
    const dir = fileURLToPath(new URL('../../public/examples', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const doc = load(readFileSync(join(dir, f), 'utf8'));
      expect(load(saveGraph(doc)), f).toEqual(doc);
    }
  });
});
