// The decision boundary over the two input features, with the data points (TensorFlow Playground's colours:
// orange = class 0, blue = class 1; test points ringed in black), and small maps of each hidden unit.
import { memo, useEffect, useRef } from 'react';
import { useTraining } from '../training/trainingStore';
import type { BoundaryMsg } from '../training/protocol';
import { PLAYGROUND_NEG, PLAYGROUND_POS } from '../training/format';
import { context2d, paintGrid } from './heat';

const SIZE = 220;
const UNIT = 44;

function drawPoints(ctx: CanvasRenderingContext2D, b: BoundaryMsg, pts: Float32Array, test: boolean): void {
  const [x0, x1, y0, y1] = b.extent;
  for (let i = 0; i + 2 < pts.length; i += 3) {
    const px = ((pts[i] - x0) / (x1 - x0)) * SIZE;
    const py = ((y1 - pts[i + 1]) / (y1 - y0)) * SIZE;
    const c = pts[i + 2] > 0.5 ? PLAYGROUND_POS : PLAYGROUND_NEG;
    ctx.beginPath();
    ctx.arc(px, py, 3.5, 0, Math.PI * 2);
    ctx.fillStyle = `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
    ctx.fill();
    ctx.lineWidth = test ? 1.5 : 1;
    ctx.strokeStyle = test ? '#111827' : '#ffffff';
    ctx.stroke();
  }
}

function Unit({ values, size, stride, offset, title }: { values: Float32Array; size: number; stride: number; offset: number; title: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = context2d(ref.current);
    if (!ctx) return;
    let m = 1e-9;
    for (let i = 0; i < size * size; i++) m = Math.max(m, Math.abs(values[i * stride + offset]));
    paintGrid(ctx, values, size, UNIT, UNIT, (v) => 0.5 + (0.5 * v) / m, stride, offset);
  }, [values, size, stride, offset]);
  return <canvas ref={ref} width={UNIT} height={UNIT} className="wg-unit" title={title} aria-label={title} />;
}

function DecisionBoundaryImpl() {
  const b = useTraining((s) => s.boundary);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = context2d(ref.current);
    if (!ctx || !b) return;
    paintGrid(ctx, b.output, b.size, SIZE, SIZE, (v) => v);
    drawPoints(ctx, b, b.points, false);
    drawPoints(ctx, b, b.testPoints, true);
  }, [b]);
  if (!b) return null;
  const [x0, x1, y0, y1] = b.extent;
  return (
    <figure className="wg-boundary">
      <canvas ref={ref} width={SIZE} height={SIZE} role="img" aria-label={`Decision boundary at step ${b.step}`} />
      <figcaption>
        x₁ ∈ [{x0.toFixed(1)}, {x1.toFixed(1)}], x₂ ∈ [{y0.toFixed(1)}, {y1.toFixed(1)}] · step {b.step}
      </figcaption>
      {b.hidden.length > 0 && (
        <div className="wg-hidden-units" aria-label="Hidden units over the same grid">
          {b.hidden.map((h) => (
            <div key={h.node} className="wg-hidden-node">
              <div className="wg-hidden-name">{h.node}</div>
              <div className="wg-hidden-row">
                {Array.from({ length: h.units }, (_, k) => (
                  <Unit key={k} values={h.values} size={b.size} stride={h.units} offset={k} title={`${h.node} unit ${k + 1}`} />
                ))}
              </div>
            </div>
          ))}
        </div>
      )}
    </figure>
  );
}

export const DecisionBoundary = memo(DecisionBoundaryImpl);
