// loadDraft: the editor opens unfinished graphs (a port waiting for its edge, shapes that do not fit yet), and
// nothing else that loadGraph refuses.
import { describe, expect, it } from 'vitest';
import { loadDraft, loadGraph } from '../../engine/graph/load';
import { xorWith } from './fixtures';

describe('loadDraft', () => {
  it('opens a graph with a port that has no edge, listing it as unfinished', () => {
    const text = xorWith((d) => { d.edges.splice(5, 1); });
    const r = loadDraft(text);
    expect(r.ok && r.unfinished.map((i) => [i.path, i.nodeId, i.port])).toEqual([['nodes[6] (id "loss")', 'loss', 'target']]);
    expect(loadGraph(text).ok).toBe(false);
  });

  it('opens a graph whose shapes do not fit yet', () => {
    const r = loadDraft(xorWith((d) => { d.nodes[0].attrs = { features: 3 }; }));
    expect(r.ok && r.unfinished[0].message).toMatch(/Linear fc1 expects 2 input features.*got 3/);
  });

  it('still refuses a cycle, even in a graph with unconnected ports', () => {
    const r = loadDraft(xorWith((d) => {
      d.edges.splice(5, 1);
      d.edges[0] = { id: 'e1', source: 'fc2', target: 'fc1', targetPort: 'in' };
    }));
    expect(!r.ok && r.errors.map((i) => i.message)).toEqual(['cycle through fc1 → relu1 → fc2 → fc1: graphs are acyclic']);
  });

  it('still refuses everything else: unknown ops, prototype keys, sizes', () => {
    expect(loadDraft(xorWith((d) => { d.nodes[3].op = 'relu'; })).ok).toBe(false);
    expect(loadDraft(xorWith((d) => { d.ui = JSON.parse('{"__proto__": 1}') as never; })).ok).toBe(false);
    expect(loadDraft(xorWith((d) => { d.nodes[2].attrs = { in: 2, out: 1e8 }; delete d.nodes[2].params; })).ok).toBe(false);
  });
});
