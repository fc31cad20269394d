// Loading is pure: a refusal changes nothing, not the input, not the globals; and nothing ever throws.
import { describe, expect, it } from 'vitest';
import { loadGraph, validateGraph } from '../../engine/graph/load';
import { xorDoc } from './fixtures';

const bad = [
  (d: ReturnType<typeof xorDoc>) => { (d.nodes as { op: string }[])[3].op = 'relu'; },
  (d: ReturnType<typeof xorDoc>) => { d.version = 7; },
  (d: ReturnType<typeof xorDoc>) => { (d.edges as object[]).push({ id: 'e1', source: 'x', target: 'relu1', targetPort: 'in' }); },
  (d: ReturnType<typeof xorDoc>) => { d.ui = JSON.parse('{"__proto__": {"polluted": true}}') as never; },
];

describe('loading is pure', () => {
  it('never mutates the object it validates, refused or loaded', () => {
    for (const edit of [() => {}, ...bad]) {
      const doc = xorDoc();
      edit(doc);
      const before = structuredClone(doc);
      validateGraph(doc);
      expect(doc).toEqual(before);
    }
  });

  it('returns a document that shares nothing with its input', () => {
    const doc = xorDoc();
    const r = validateGraph(doc);
    if (!r.ok) throw new Error('expected the graph to load');
    r.value.nodes[2].params!.weight = 0;
    (r.value.ui!.viewport as { zoom: number }).zoom = 9;
    expect(doc).toEqual(xorDoc());
  });

  it('pollutes no prototype, whatever keys the file holds', () => {
    const text = JSON.stringify(xorDoc()).replace('"viewport"', '"__proto__"').replace('"features":2', '"features":2,"constructor":{"prototype":{"polluted":1}}');
    expect(loadGraph(text).ok).toBe(false);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('zoom');
    expect(({} as { zoom?: number }).zoom).toBeUndefined();
  });

  it('turns what is not plain JSON data into refusals, never a throw', () => {
    const cyclic: Record<string, unknown> = { format: 'wiregrad-graph', version: 1, nodes: [], edges: [] };
    cyclic.ui = { self: cyclic };
    const hostile: Record<string, unknown> = { format: 'wiregrad-graph', version: 1, nodes: [], edges: [] };
    Object.defineProperty(hostile, 'name', { enumerable: true, get() { throw new Error('boom'); } });
    for (const value of [undefined, () => 1, Symbol('s'), 10n, new Date(0), new Map(), cyclic, hostile, [undefined], { ...xorDoc(), nodes: [undefined] }]) {
      const r = validateGraph(value);
      expect(r.ok).toBe(false);
      if (!r.ok) for (const e of r.errors) expect(e.path.length * e.message.length).toBeGreaterThan(0);
    }
  });

  it("validates a deeply frozen document, as the editor's immer store holds it", () => {
    const freeze = (v: unknown): unknown => {
      if (v && typeof v === 'object') {
        for (const c of Object.values(v)) freeze(c);
        Object.freeze(v);
      }
      return v;
    };
    const r = validateGraph(freeze(xorDoc()));
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.isFrozen(r.value.nodes)).toBe(false);
  });

  it('reads a key whose value is undefined as absent, as JSON.stringify does', () => {
    const r = validateGraph({ ...xorDoc(), name: undefined });
    expect(r.ok && 'name' in r.value).toBe(false);
  });

  it('answers a non-string without throwing', () => {
    expect(loadGraph(undefined as unknown as string).ok).toBe(false);
    expect(loadGraph(42 as unknown as string).ok).toBe(false);
  });
});
