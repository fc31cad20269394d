// @vitest-environment jsdom
// Heat maps on the canvas nodes (TensorFlow Playground's convention): each node's strip gets its own units' grid
// values straight from the boundary message, and re-renders only when its own maps change.
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Profiler, type ReactNode } from 'react';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NodeMapsView } from '../../app/canvas/NodeMaps';
import { NodeMapsToggle } from '../../app/training/NodeMapsToggle';
import { unitGrid, useNodeMaps, useNodeMapsStore, type NodeMaps } from '../../app/training/nodeMaps';
import { training, useTraining } from '../../app/training/trainingStore';
import type { BoundaryMsg } from '../../app/training/protocol';
import { resetDocStore } from '../../app/store';
import type { GraphDoc } from '../../engine/graph/types';
import { example } from './training-helpers';

const SIZE = 4;

/** Two hidden nodes over a 4×4 grid: `act` (the xor-mlp template's Tanh, 4 units) and a second one, `act2` (2 units). */
function boundary(step: number, act: number, act2: number, out = 0.5): BoundaryMsg {
  const n = SIZE * SIZE;
  return {
    step,
    size: SIZE,
    extent: [-1, 1, -1, 1],
    output: new Float32Array(n).fill(out),
    hidden: [
      { node: 'act', units: 4, values: Float32Array.from({ length: n * 4 }, (_, i) => act * ((i % 4) + 1) * (i < n * 2 ? 1 : -1)) },
      { node: 'act2', units: 2, values: new Float32Array(n * 2).fill(act2) },
    ],
    points: new Float32Array(0),
    testPoints: new Float32Array(0),
    costMs: 1,
  };
}

const renders: Record<string, number> = {};
function Counted({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Profiler id={id} onRender={() => (renders[id] = (renders[id] ?? 0) + 1)}>
      {children}
    </Profiler>
  );
}

function mapsOf(id: string) {
  return screen.queryByRole('img', { name: new RegExp(`^heat map of ${id}:`) });
}

function renderNodes(ids: string[]) {
  render(
    <>
      {ids.map((id) => (
        <Counted key={id} id={id}>
          <NodeMapsView id={id} />
        </Counted>
      ))}
    </>,
  );
}

beforeAll(() => {
  // jsdom has no 2D canvas (it logs for every call): painting is looked at in the browser screenshot instead.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});

beforeEach(() => {
  const doc: GraphDoc = example('xor-mlp');
  // A second small hidden node, so one node's maps can change while another's stay.
  doc.nodes.push({ id: 'act2', op: 'ReLU', position: { x: 0, y: 0 } } as GraphDoc['nodes'][number]);
  resetDocStore(doc);
  training.reset();
  useNodeMapsStore.setState({ show: true });
  for (const k of Object.keys(renders)) delete renders[k];
});
afterEach(cleanup);

describe('unit maps on the nodes', () => {
  test("a hidden node's strip receives its own units' grid values, the very arrays the boundary message carried", () => {
    let seen: NodeMaps | undefined;
    function Peek() {
      seen = useNodeMaps('act', false);
      return null;
    }
    render(<Peek />);
    const b = boundary(10, 1, 2);
    act(() => useTraining.setState({ boundary: b }));
    expect(seen?.units).toBe(4);
    expect(seen?.size).toBe(SIZE);
    // Reused, not predicted or copied again.
    expect(seen?.values).toBe(b.hidden[0].values);
    const n = SIZE * SIZE;
    for (let k = 0; k < 4; k++) {
      const want = Array.from({ length: n }, (_, i) => (k + 1) * (i * 4 + k < n * 2 ? 1 : -1));
      expect(Array.from(unitGrid(seen as NodeMaps, k))).toEqual(want);
    }
  });

  test('each hidden node and the node feeding the loss show a strip; other nodes none', () => {
    renderNodes(['x', 'hidden', 'act', 'act2', 'out', 'prob', 'loss']);
    expect(mapsOf('act')).toBeNull();
    act(() => useTraining.setState({ boundary: boundary(10, 1, 2) }));
    expect(mapsOf('act')?.getAttribute('data-units')).toBe('4');
    expect(mapsOf('act2')?.getAttribute('data-units')).toBe('2');
    expect(mapsOf('prob')?.getAttribute('aria-label')).toMatch(/output \(belief in class 1\)/);
    for (const id of ['x', 'hidden', 'out', 'loss']) expect(mapsOf(id)).toBeNull();
  });

  test("a new boundary re-renders only the nodes whose maps changed, never another node's", () => {
    renderNodes(['act', 'act2', 'prob', 'hidden']);
    act(() => useTraining.setState({ boundary: boundary(10, 1, 2) }));
    const base = { ...renders };
    // Only act's numbers move (act2 and the output arrive as new arrays with the same numbers).
    act(() => useTraining.setState({ boundary: boundary(20, 3, 2) }));
    expect(renders).toEqual({ ...base, act: base.act + 1 });
    // Now only act2's.
    act(() => useTraining.setState({ boundary: boundary(30, 3, 5) }));
    expect(renders).toEqual({ ...base, act: base.act + 1, act2: base.act2 + 1 });
    // Now only the output's.
    act(() => useTraining.setState({ boundary: boundary(40, 3, 5, 0.9) }));
    expect(renders).toEqual({ ...base, act: base.act + 1, act2: base.act2 + 1, prob: base.prob + 1 });
  });

  test('edge snapshots and loss curves re-render no map', () => {
    renderNodes(['act', 'act2', 'prob']);
    act(() => useTraining.setState({ boundary: boundary(10, 1, 2) }));
    const base = { ...renders };
    act(() => {
      training.ingestSnapshot({ step: 11, loss: 0.4, edges: { e1: { shape: [1, 1], rows: 1, value: Float32Array.of(1), grad: null } } });
      training.ingestProgress({ step: 11, losses: Float32Array.of(11, 0.4), testLoss: null, accuracy: 0.5, testAccuracy: null, stepsPerSec: 100, running: true });
    });
    expect(renders).toEqual(base);
  });

  test('the panel toggle "unit maps on nodes" hides and shows them; a reset clears them', async () => {
    const user = userEvent.setup();
    render(<NodeMapsToggle />);
    renderNodes(['act']);
    act(() => useTraining.setState({ boundary: boundary(10, 1, 2) }));
    const toggle = screen.getByRole('checkbox', { name: 'show unit maps on nodes' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    await user.click(toggle);
    expect(mapsOf('act')).toBeNull();
    await user.click(toggle);
    expect(mapsOf('act')).not.toBeNull();
    act(() => training.reset());
    expect(mapsOf('act')).toBeNull();
  });
});
