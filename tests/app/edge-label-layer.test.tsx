// @vitest-environment jsdom
// The live edge labels: one canvas layer draws every edge's numbers or coloured strip where the edge puts its label; a
// snapshot redraws the canvas and re-renders no edge; the same words are text for screen readers, held still while
// training runs.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Profiler, useEffect } from 'react';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Position, ReactFlowProvider, useStoreApi } from '@xyflow/react';
import { EdgeLabelLayer } from '../../app/canvas/EdgeLabelLayer';
import { EdgeLabelText } from '../../app/canvas/EdgeLabelText';
import { ValueEdge } from '../../app/canvas/ValueEdge';
import { labelAnchors } from '../../app/canvas/labelAnchors';
import { training, useTraining } from '../../app/training/trainingStore';
import { stepThrough } from '../../app/stepthrough/stepStore';
import { resetDocStore } from '../../app/store';
import type { SnapshotMsg } from '../../app/training/protocol';
import type { GraphDoc } from '../../engine/graph/types';

/** What the layer asked the canvas to draw: text with its colour and place, and filled cells with their colour. */
interface Drawn {
  texts: { text: string; colour: string; x: number; y: number }[];
  cells: string[];
  clears: number;
  transform: number[];
}

let drawn: Drawn;
let frames: FrameRequestCallback[] = [];

/** A 2D context that records instead of painting (jsdom has no canvas); text is 7 px per character. */
function recorder(): Partial<CanvasRenderingContext2D> {
  const ctx = {
    font: '',
    fillStyle: '' as string,
    strokeStyle: '',
    lineWidth: 1,
    textBaseline: 'alphabetic',
    textAlign: 'start',
    setTransform: (...m: number[]) => void (drawn.transform = m),
    clearRect: () => {
      drawn = { texts: [], cells: [], clears: drawn.clears + 1, transform: drawn.transform };
    },
    beginPath: () => undefined,
    roundRect: () => undefined,
    fill: () => undefined,
    stroke: () => undefined,
    fillRect: () => void drawn.cells.push(ctx.fillStyle),
    fillText: (text: string, x: number, y: number) => void drawn.texts.push({ text, colour: ctx.fillStyle, x, y }),
    measureText: (text: string) => ({ width: 7 * text.length }) as TextMetrics,
  };
  return ctx as unknown as Partial<CanvasRenderingContext2D>;
}

function flushFrames(): void {
  const due = frames;
  frames = [];
  act(() => due.forEach((f) => f(0)));
}

const doc: GraphDoc = {
  format: 'wiregrad-graph',
  version: 1,
  nodes: [
    { id: 'a', op: 'Input', attrs: { features: 1 } },
    { id: 'b', op: 'Sigmoid' },
  ],
  edges: [
    { id: 'small', source: 'a', target: 'b', targetPort: 'in' },
    { id: 'wide', source: 'b', target: 'a', targetPort: 'in' },
  ],
};

function snap(step: number, edges: Record<string, number[]>): SnapshotMsg {
  return {
    step,
    loss: 0.5,
    edges: Object.fromEntries(
      Object.entries(edges).map(([id, v]) => [id, { shape: [1, v.length], rows: 1, value: Float32Array.from(v), grad: Float32Array.from(v.map((x) => -x / 10)) }]),
    ),
  };
}

/** React Flow's pane as the real canvas would measure it (800 × 600 px), with the element DOM labels portal into. */
function Pane({ zoom = 1 }: { zoom?: number }) {
  const flow = useStoreApi();
  useEffect(() => {
    const domNode = document.createElement('div');
    domNode.innerHTML = '<div class="react-flow__edgelabel-renderer"></div>';
    document.body.append(domNode);
    flow.setState({ width: 800, height: 600, transform: [0, 0, zoom], domNode });
    return () => domNode.remove();
  }, [flow, zoom]);
  return null;
}

const edgeRenders: Record<string, number> = {};
let layerRenders = 0;

/** Two real edges (they place the labels) and the layer, in one React Flow provider. */
function Scene({ zoom = 1 }: { zoom?: number }) {
  const edge = (id: string, sourceX: number, targetX: number, y: number) => (
    <Profiler id={id} onRender={() => (edgeRenders[id] = (edgeRenders[id] ?? 0) + 1)}>
      <ValueEdge
        id={id}
        source="a"
        target="b"
        sourceX={sourceX}
        sourceY={y}
        targetX={targetX}
        targetY={y}
        sourcePosition={Position.Right}
        targetPosition={Position.Left}
      />
    </Profiler>
  );
  return (
    <ReactFlowProvider>
      <Pane zoom={zoom} />
      <svg>
        {edge('small', 100, 300, 100)}
        {edge('wide', 100, 300, 400)}
      </svg>
      <Profiler id="layer" onRender={() => layerRenders++}>
        <EdgeLabelLayer />
      </Profiler>
    </ReactFlowProvider>
  );
}

const WIDE = [-8, -4, -2, -1, 1, 2, 4, 8];

beforeEach(() => {
  training.reset();
  stepThrough.exit();
  labelAnchors.clear();
  resetDocStore(doc);
  useTraining.setState({ status: 'paused', showLabels: true });
  drawn = { texts: [], cells: [], clears: 0, transform: [] };
  frames = [];
  layerRenders = 0;
  for (const k of Object.keys(edgeRenders)) delete edgeRenders[k];
  window.requestAnimationFrame = (f) => frames.push(f);
  window.cancelAnimationFrame = () => undefined;
  HTMLCanvasElement.prototype.getContext = (() => recorder()) as unknown as HTMLCanvasElement['getContext'];
});
afterEach(cleanup);

function canvas(): HTMLCanvasElement {
  return document.querySelector('canvas.wg-edge-label-layer') as HTMLCanvasElement;
}

describe('edge label layer: one canvas draws every live label', () => {
  test('numbers for a few elements at the middle of their edge; a strip of coloured cells for wide tensors', () => {
    render(<Scene />);
    act(() => training.ingestSnapshot(snap(1, { small: [0.73], wide: WIDE })));
    flushFrames();
    const texts = drawn.texts.map((t) => t.text);
    expect(texts).toEqual(['0.73', ' ∇−0.073']);
    // Value in blue, gradient in purple, centred on the edge's midpoint (200, 100): 16 characters of 7 px plus padding.
    expect(drawn.texts[0]).toMatchObject({ colour: '#1e3a8a', y: 100 });
    expect(drawn.texts[1].colour).toBe('#7e22ce');
    expect(drawn.texts[0].x).toBeCloseTo(200 - (7 * 12 + 10) / 2 + 5);
    // 8 value cells then 8 gradient cells, red for the most negative value, blue for the most positive.
    expect(drawn.cells).toHaveLength(16);
    expect(drawn.cells[0]).toBe('rgb(202, 62, 56)');
    expect(drawn.cells[7]).toBe('rgb(38, 110, 180)');
    // The gradient is −value/10: its first cell is the most positive one.
    expect(drawn.cells[8]).toBe('rgb(38, 110, 180)');
    expect(canvas().dataset.labels).toBe('2');
  });

  test('a new snapshot redraws the canvas with the new numbers and re-renders neither an edge nor the layer', () => {
    render(<Scene />);
    act(() => training.ingestSnapshot(snap(1, { small: [0.73], wide: WIDE })));
    flushFrames();
    const edges = { ...edgeRenders };
    const layer = layerRenders;
    act(() => training.ingestSnapshot(snap(2, { small: [0.5], wide: WIDE.map((v) => -v) })));
    flushFrames();
    expect(drawn.texts.map((t) => t.text)).toEqual(['0.5', ' ∇−0.05']);
    expect(drawn.cells[0]).toBe('rgb(38, 110, 180)');
    expect(edgeRenders).toEqual(edges);
    expect(layerRenders).toBe(layer);
  });

  test('the canvas covers only the part of the pane that has labels, snapped to 64 px', () => {
    render(<Scene />);
    act(() => training.ingestSnapshot(snap(1, { small: [0.73], wide: WIDE })));
    flushFrames();
    // Labels centred at (200, 100), 94 × 18 px, and (200, 400), 70 × 17 px: x 153-247, y 91-409.
    expect(canvas().style.transform).toBe('translate(128px, 64px)');
    expect([canvas().width, canvas().height]).toEqual([128, 384]);
    act(() => useTraining.setState({ showLabels: false }));
    flushFrames();
    expect([canvas().width, canvas().height]).toEqual([0, 0]);
  });

  test('several snapshots within one frame draw once, with the latest', () => {
    render(<Scene />);
    const clears = drawn.clears;
    act(() => {
      training.ingestSnapshot(snap(1, { small: [1] }));
      training.ingestSnapshot(snap(2, { small: [2] }));
    });
    flushFrames();
    expect(drawn.clears).toBe(clears + 1);
    expect(drawn.texts[0].text).toBe('2');
  });

  test('labels scale with the zoom, and a label outside the pane is not drawn', () => {
    render(<Scene zoom={2} />);
    act(() => training.ingestSnapshot(snap(1, { small: [0.73], wide: WIDE })));
    flushFrames();
    // Flow units to device pixels: zoom 2 at a device pixel ratio of 1, from the canvas's own top left.
    const [x, y] = canvas().style.transform.match(/-?[\d.]+/g)!.map(Number);
    expect(drawn.transform).toEqual([2, 0, 0, 2, -x, -y]);
    // The wide edge's label sits at y = 400 in flow units, 800 px down: below the 600 px pane.
    expect(canvas().dataset.labels).toBe('1');
  });

  test('labels off draw nothing; a NaN edge and a step-through edge keep their DOM label instead', () => {
    render(<Scene />);
    act(() => training.ingestSnapshot(snap(1, { small: [0.73], wide: WIDE })));
    flushFrames();
    act(() => useTraining.setState({ showLabels: false }));
    flushFrames();
    // Nothing to draw: the canvas shrinks to nothing (which also clears it).
    expect([canvas().width, canvas().height, canvas().dataset.labels]).toEqual([0, 0, '0']);
    act(() => useTraining.setState({ showLabels: true, nonFinite: { step: 3, edge: 'small', which: 'grad' } }));
    flushFrames();
    expect(drawn.texts).toEqual([]);
    expect(drawn.cells).toHaveLength(16);
    expect(screen.getByRole('alert').textContent).toBe('NaN/Inf gradient first here');
    act(() => useTraining.setState({ nonFinite: null }));
    act(() => stepThrough.start([], [{ small: { state: 'pending', value: '0.73', grad: null } }]));
    flushFrames();
    expect(drawn.texts).toEqual([]);
    expect(document.querySelector('[data-edge-note="small"]')?.textContent).toBe('0.73 ∇ ?');
  });
});

describe('edge labels as text', () => {
  test('each labelled edge reads as the label says, and holds still while training runs', () => {
    let renders = 0;
    render(
      <Profiler id="text" onRender={() => renders++}>
        <EdgeLabelText />
      </Profiler>,
    );
    act(() => training.ingestSnapshot(snap(1, { small: [0.73], wide: WIDE })));
    const list = screen.getByRole('list', { name: 'edge labels' });
    const item = (id: string) => list.querySelector(`[data-edge-label="${id}"] .wg-label-text`)?.textContent;
    expect(item('small')).toBe('0.73 ∇−0.073');
    expect(item('wide')).toBe('8 elements: −8 to 8, ∇ −0.8 to 0.8');
    expect(list.getAttribute('aria-busy')).toBe('false');

    act(() => useTraining.setState({ status: 'running' }));
    expect(list.getAttribute('aria-busy')).toBe('true');
    const before = renders;
    for (let s = 2; s < 6; s++) act(() => training.ingestSnapshot(snap(s, { small: [s], wide: WIDE })));
    expect(renders).toBe(before);
    expect(item('small')).toBe('0.73 ∇−0.073');

    act(() => useTraining.setState({ status: 'paused' }));
    expect(item('small')).toBe('5 ∇−0.5');
    expect(list.getAttribute('aria-busy')).toBe('false');
  });
});
