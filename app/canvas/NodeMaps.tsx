// TensorFlow Playground's small heat maps on the neurons: each unit of a small hidden node over the two input features,
// and the model's output on the node feeding the loss. One canvas per node, repainted only when this node's maps change.
import { memo, useEffect, useRef } from 'react';
import { getOp } from '../../engine/ops/registry';
import { useDoc } from '../store/docStore';
import { context2d, paintGrid } from '../charts/heat';
import { unitGrid, useNodeMaps, type NodeMaps } from '../training/nodeMaps';
import './nodeMaps.css';

export const CELL = 24;
const GAP = 2;
const PER_ROW = 4;

/** Pixel layout of a strip: at most four maps per row. */
export function stripSize(units: number, cell = CELL): { cols: number; rows: number; width: number; height: number } {
  const cols = Math.min(units, PER_ROW);
  const rows = Math.ceil(units / PER_ROW);
  return { cols, rows, width: cols * cell + (cols - 1) * GAP, height: rows * cell + (rows - 1) * GAP };
}

/** The output gets a bigger tile, as in the Playground: it is the decision boundary itself. */
function cellOf(m: NodeMaps): number {
  return m.kind === 'output' ? 2 * CELL : CELL;
}

/** Whether `id` feeds the first loss's `input` port (the node the worker reads the output map from). */
function useIsModelOutput(id: string): boolean {
  return useDoc((s) => {
    const loss = s.doc.nodes.find((n) => getOp(n.op)?.category === 'losses');
    return !!loss && s.doc.edges.some((e) => e.source === id && e.target === loss.id && e.targetPort === 'input');
  });
}

function paint(canvas: HTMLCanvasElement | null, m: NodeMaps): void {
  const ctx = context2d(canvas);
  if (!ctx) return;
  const cell = cellOf(m);
  const { cols, width } = stripSize(m.units, cell);
  const dpr = canvas ? canvas.width / width : 1;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  for (let k = 0; k < m.units; k++) {
    const grid = unitGrid(m, k);
    // Hidden units: sign around each unit's own largest |value| (as in the panel); the output: belief in class 1.
    let scale = 1e-9;
    if (m.kind === 'hidden') for (let i = 0; i < grid.length; i++) if (Number.isFinite(grid[i])) scale = Math.max(scale, Math.abs(grid[i]));
    const toUnit = m.kind === 'hidden' ? (v: number) => 0.5 + (0.5 * v) / scale : (v: number) => v;
    ctx.setTransform(dpr, 0, 0, dpr, (k % cols) * (cell + GAP) * dpr, Math.floor(k / cols) * (cell + GAP) * dpr);
    paintGrid(ctx, grid, m.size, cell, cell, toUnit);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

/** The strip for one node's maps; memoised on the maps object, which stays the same while its numbers do. */
export const NodeMapsStrip = memo(function NodeMapsStrip({ maps, node }: { maps: NodeMaps; node: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { width, height } = stripSize(maps.units, cellOf(maps));
  const dpr = typeof window === 'undefined' ? 1 : Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  useEffect(() => paint(ref.current, maps), [maps]);
  const what = maps.kind === 'output' ? 'output (belief in class 1)' : `${maps.units} unit${maps.units === 1 ? '' : 's'}`;
  return (
    <div className="op-node-maps">
      <canvas
        ref={ref}
        width={Math.round(width * dpr)}
        height={Math.round(height * dpr)}
        style={{ width, height }}
        role="img"
        aria-label={`heat map of ${node}: ${what} over the two input features`}
        data-units={maps.units}
      />
    </div>
  );
});

/** A node's heat maps while training on two input features and the toggle is on; nothing otherwise. */
function NodeMapsImpl({ id }: { id: string }) {
  const isOutput = useIsModelOutput(id);
  const maps = useNodeMaps(id, isOutput);
  return maps ? <NodeMapsStrip maps={maps} node={id} /> : null;
}

export const NodeMapsView = memo(NodeMapsImpl);
