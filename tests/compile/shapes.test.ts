import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { OP_NAMES } from '../../engine/ops/registry';
import type { GraphDoc } from '../../engine/graph/types';
import { inferShapes, inferShapesPartial } from '../../engine/compile/shapes';
import { doc, edge, mlp, node } from './build';

describe('inferShapes', () => {
  test('gives every node its output shape, with B for the batch', () => {
    const r = inferShapes(mlp(4));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.get('x')).toEqual(['B', 2]);
    expect(r.value.get('fc1')).toEqual(['B', 4]);
    expect(r.value.get('fc2')).toEqual(['B', 1]);
    expect(r.value.get('loss')).toEqual([]);
  });

  test('a shape mismatch names the op, the node and the port: "Linear fc1 expects 2 input features"', () => {
    const d = doc(
      [node('x', 'Input', { features: 3 }), node('fc1', 'Linear', { in: 2, out: 1 })],
      [edge('x', 'fc1', 'in', 'e1')],
    );
    const r = inferShapes(d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/^Linear fc1 expects 2 input features/);
    expect(r.errors[0]).toMatchObject({ nodeId: 'fc1', port: 'in', edgeId: 'e1', path: 'nodes[1] (id "fc1")' });
  });

  test('bad attrs are refused with the node and the attribute', () => {
    const r = inferShapes(doc([node('fc1', 'Linear', { in: 2 })], []));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/Linear fc1: out/);
  });
});

describe('inferShapesPartial on half-built graphs', () => {
  test('a port with no edge leaves that node and its consumers unknown, the rest inferred', () => {
    const d = doc(
      [node('x', 'Input', { features: 2 }), node('p', 'Parameter', { shape: [2] }), node('add', 'Add'), node('r', 'ReLU')],
      [edge('x', 'add', 'a'), edge('add', 'r', 'in')],
    );
    const { shapes, issues } = inferShapesPartial(d);
    expect(shapes.get('x')).toEqual(['B', 2]);
    expect(shapes.get('p')).toEqual([2]);
    expect(shapes.has('add')).toBe(false);
    expect(shapes.has('r')).toBe(false);
    expect(issues).toEqual([expect.objectContaining({ nodeId: 'add', port: 'b', message: 'input port `b` of node `add` has no edge' })]);
  });

  test('unknown ops, unknown ports, dangling edges and cycles become issues, never throws', () => {
    const d = doc(
      [node('a', 'ReLU'), node('b', 'ReLU'), node('c', 'Frobnicate'), node('x', 'Input', { features: 1 })],
      [edge('a', 'b', 'in'), edge('b', 'a', 'in'), edge('x', 'ghost', 'in'), edge('x', 'a', 'wrong')],
    );
    const { shapes, issues } = inferShapesPartial(d);
    expect(shapes.get('x')).toEqual(['B', 1]);
    const text = issues.map((i) => i.message).join('\n');
    expect(text).toContain('unknown op "Frobnicate"');
    expect(text).toContain('cycle through a → b → a');
    expect(text).toContain('target "ghost" is not a node');
    expect(text).toContain('ReLU a has no input port "wrong"');
  });

  test('two edges into one port are refused', () => {
    const d = doc(
      [node('x', 'Input', { features: 1 }), node('r', 'ReLU')],
      [edge('x', 'r', 'in', 'e1'), edge('x', 'r', 'in', 'e2')],
    );
    const { issues } = inferShapesPartial(d);
    expect(issues[0]).toMatchObject({ edgeId: 'e2', port: 'in', nodeId: 'r' });
  });

  test('never throws on arbitrary half-built graphs, and every issue names a place', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const attrValue = fc.oneof(fc.integer({ min: -2, max: 5 }), fc.boolean(), fc.constant(null), fc.string({ maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }));
    const nodeArb = fc.record({
      id: ids, op: fc.constantFrom(...OP_NAMES, 'Nope'),
      attrs: fc.dictionary(fc.constantFrom('in', 'out', 'features', 'classes', 'shape', 'value', 'dim', 'bias', 'reduction'), attrValue, { maxKeys: 3 }),
    });
    const edgeArb = fc.record({
      id: fc.string({ minLength: 1, maxLength: 2 }), source: ids, target: ids,
      targetPort: fc.constantFrom('in', 'a', 'b', 'input', 'target', 'x'),
    });
    fc.assert(fc.property(fc.array(nodeArb, { maxLength: 6 }), fc.array(edgeArb, { maxLength: 8 }), (nodes, edges) => {
      const d: GraphDoc = { format: 'wiregrad-graph', version: 1, nodes, edges };
      const { shapes, issues } = inferShapesPartial(d);
      for (const i of issues) expect(i.path.length).toBeGreaterThan(0);
      for (const id of shapes.keys()) expect(nodes.some((n) => n.id === id)).toBe(true);
    }), { numRuns: 300, seed: 11 });
  });
});
