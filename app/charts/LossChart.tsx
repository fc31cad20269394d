// Train and test loss (left axis) and accuracy (right axis, 0–1) over steps, drawn by uPlot. The chart subscribes to
// the curves directly and calls setData, so a new point never re-renders React.
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { fmt } from '../training/format';
import { useTraining, type Curves } from '../training/trainingStore';

type Row = (number | null)[];

const LOSS_FLOOR = 1e-12;

/** Merge the three step axes into one sorted x axis with nulls where a series has no point (uPlot wants aligned data). */
export function alignCurves(c: Curves): [number[], Row, Row, Row, Row] {
  const xs = Array.from(new Set([...c.steps, ...c.testSteps, ...c.accSteps])).sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const fill = (): Row => new Array<number | null>(xs.length).fill(null);
  const loss = fill();
  const test = fill();
  const acc = fill();
  const testAcc = fill();
  // The loss axis is logarithmic: a loss of exactly 0 is drawn at the floor.
  const pos = (v: number): number => Math.max(v, LOSS_FLOOR);
  c.steps.forEach((s, i) => (loss[at.get(s) as number] = pos(c.loss[i])));
  c.testSteps.forEach((s, i) => (test[at.get(s) as number] = pos(c.testLoss[i])));
  c.accSteps.forEach((s, i) => {
    acc[at.get(s) as number] = c.accuracy[i];
    testAcc[at.get(s) as number] = c.testAccuracy[i];
  });
  return [xs, loss, test, acc, testAcc];
}

function canDraw(): boolean {
  try {
    return typeof document !== 'undefined' && document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

export function LossChart({ width = 300, height = 150 }: { width?: number; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !canDraw()) return;
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: true, live: false },
      cursor: { show: true, drag: { x: false, y: false } },
      // Log loss: the long tail of a converging run stays readable.
      scales: { x: { time: false }, y: { distr: 3 }, acc: { range: [0, 1] } },
      axes: [
        { stroke: '#667085', grid: { stroke: '#eef0f3' }, size: 28 },
        { stroke: '#667085', grid: { stroke: '#eef0f3' }, size: 48, values: (_u, splits) => splits.map((v) => (v !== null && Number.isFinite(v) && v > 0 ? fmt(v) : '')) },
        { scale: 'acc', side: 1, stroke: '#7c8798', grid: { show: false }, size: 34 },
      ],
      series: [
        { label: 'step' },
        { label: 'train loss', stroke: '#2563eb', width: 1.5, spanGaps: true, points: { show: false } },
        { label: 'test loss', stroke: '#ea580c', width: 1.5, spanGaps: true, points: { show: false } },
        { label: 'accuracy', stroke: '#16a34a', width: 1.25, dash: [5, 3], scale: 'acc', spanGaps: true, points: { show: false } },
        { label: 'test acc.', stroke: '#a16207', width: 1.25, dash: [2, 3], scale: 'acc', spanGaps: true, points: { show: false } },
      ],
    };
    let plot: uPlot | null = null;
    let gone = false;
    // Loaded on first draw: uPlot touches matchMedia at import, which only real browsers have.
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => {
      if (gone) return;
      plot = new m.default(opts, alignCurves(useTraining.getState().curves), el);
    });
    let drawn = useTraining.getState().curves.version;
    let frame: number | null = null;
    const unsub = useTraining.subscribe((s) => {
      if (s.curves.version === drawn || frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        const c = useTraining.getState().curves;
        drawn = c.version;
        plot?.setData(alignCurves(c));
      });
    });
    return () => {
      unsub();
      if (frame !== null) cancelAnimationFrame(frame);
      gone = true;
      plot?.destroy();
    };
  }, [width, height]);
  return <div ref={box} className="wg-loss-chart" role="img" aria-label="Loss and accuracy over training steps" />;
}
