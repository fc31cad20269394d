// Property: on random small DAGs of smooth ops ending in one or two losses, every parameter's gradient and the
// input's gradient match central finite differences of the objective (float64).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { GraphDoc, GraphEdge, GraphNode } from '../../engine/graph/types';
import { createRng } from '../../engine/rng';
import { doc, edge, node, rows } from '../compile/build';
import { compiled, expectEdgeGradientsMatchFiniteDifferences, expectGradientsMatchFiniteDifferences, load } from './harness';

type Recipe = { kind: number; a: number; b: number; width: number };
const UNARY = ['Tanh', 'Sigmoid', 'GELU', 'Softmax'];
const BINARY = ['Add', 'Sub', 'Mul'];

/** Builds a graph from a recipe: every value is [B, F]; each op picks its inputs among earlier values. */
function build(steps: Recipe[], features: number, secondLoss: boolean, seed: number): GraphDoc {
  const nodes: GraphNode[] = [node('x', 'Input', { features })];
  const edges: GraphEdge[] = [];
  const widths: number[] = [features];
  const ids = ['x'];
  const add = (n: GraphNode, w: number): void => {
    nodes.push(n);
    ids.push(n.id);
    widths.push(w);
  };
  steps.forEach((s, i) => {
    const id = `n${i}`;
    const a = s.a % ids.length;
    const kind = s.kind % 5;
    if (kind === 0) {
      add(node(id, 'Linear', { in: widths[a], out: s.width }), s.width);
      edges.push(edge(ids[a], id, 'in'));
    } else if (kind === 1) {
      add(node(id, UNARY[s.b % UNARY.length]), widths[a]);
      edges.push(edge(ids[a], id, 'in'));
    } else if (kind === 2 || kind === 3) {
      // A partner of the same width if there is one, else a broadcast Parameter [F].
      const same = ids.map((_, k) => k).filter((k) => widths[k] === widths[a]);
      const b = same[s.b % same.length];
      const op = BINARY[(s.b + s.width) % BINARY.length];
      let partner = ids[b];
      if (kind === 3 || b === a) {
        partner = `p${i}`;
        nodes.push(node(partner, 'Parameter', { shape: [widths[a]], init: 'normal', scale: 0.5 }));
      }
      add(node(id, op), widths[a]);
      edges.push(edge(ids[a], id, 'a'), edge(partner, id, 'b'));
    } else {
      const b = s.b % ids.length;
      add(node(id, 'Concat'), widths[a] + widths[b]);
      edges.push(edge(ids[a], id, 'a'), edge(ids[b], id, 'b'));
    }
  });
  const losses = [ids.length - 1];
  if (secondLoss && ids.length > 2) losses.push(1 + (seed % (ids.length - 2)));
  // Each loss reads its node through a Linear to one column, so every Target is [B, 1] and reads the same y.
  losses.forEach((k, j) => {
    nodes.push(node(`fit${j}`, 'Linear', { in: widths[k], out: 1 }), node(`y${j}`, 'Target'), node(`loss${j}`, 'MSELoss'));
    edges.push(edge(ids[k], `fit${j}`, 'in'), edge(`fit${j}`, `loss${j}`, 'input'), edge(`y${j}`, `loss${j}`, 'target'));
  });
  return doc(nodes, edges, seed);
}

const recipe = fc.record({
  kind: fc.nat(4), a: fc.nat(20), b: fc.nat(20), width: fc.integer({ min: 1, max: 3 }),
});

function randomData(seed: number, batch: number, features: number) {
  const r = createRng(seed, 'data');
  const x = Array.from({ length: batch }, () => Array.from({ length: features }, () => r.normal()));
  const y = Array.from({ length: batch }, () => [r.normal()]);
  return rows(x, y);
}

describe('random graphs', () => {
  test('gradients of every parameter, of the input and of every edge match finite differences', () => {
    fc.assert(
      fc.property(
        fc.array(recipe, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 3 }), fc.boolean(),
        fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 4 }),
        (steps, features, second, seed, batch) => {
          const d = build(steps, features, second, seed);
          const data = randomData(seed, batch, features);
          expectGradientsMatchFiniteDifferences(load(compiled(d, batch), data));
          expectEdgeGradientsMatchFiniteDifferences(compiled(d, batch), data);
        },
      ),
      { numRuns: 60, seed: 20261126 },
    );
  });

  test('the liveness plan (keep: params) computes the same parameter gradients with no more buffers', () => {
    fc.assert(
      fc.property(
        fc.array(recipe, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 3 }), fc.boolean(),
        fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 4 }),
        (steps, features, second, seed, batch) => {
          const d = build(steps, features, second, seed);
          const data = randomData(seed, batch, features);
          const all = load(compiled(d, batch, 'all'), data), lean = load(compiled(d, batch, 'params'), data);
          expect(lean.plan.buffers.length).toBeLessThanOrEqual(all.plan.buffers.length);
          expect(lean.step()).toBe(all.step());
          all.plan.params.forEach((p, i) => {
            const q = lean.plan.params[i];
            expect(q.key).toBe(p.key);
            // keep: all gives a param the objective does not depend on a zero gradient; keep: params gives it none.
            expect(q.grad === null).toBe(p.grad === null || p.unreached === true);
            if (p.grad !== null && q.grad === null) expect(all.m.bufs[p.grad].every((g) => g === 0)).toBe(true);
            if (p.grad !== null && q.grad !== null) expect([...lean.m.bufs[q.grad]]).toEqual([...all.m.bufs[p.grad]]);
          });
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });
});
