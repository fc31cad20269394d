// The live edge labels while training: one <canvas> over the part of the pane that has labels, redrawn (at most once per
// animation frame) when a snapshot arrives, the viewport moves or an edge moves. It never renders React: a snapshot
// costs one canvas draw.
// Step-through labels and the NaN/Inf marking stay DOM labels on their edges (ValueEdge); this layer skips those edges.
import { useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import { useStepThrough, type StepThroughState } from '../stepthrough/stepStore';
import { labelContent, type LabelContent } from '../training/labelContent';
import { useTraining, type EdgeProbe, type TrainingState } from '../training/trainingStore';
import { viewCost } from '../training/viewCost';
import { labelArea, paintLabels, placeLabels, type LabelArea, type LabelItem } from './drawEdgeLabels';
import { labelAnchors, type Anchor } from './labelAnchors';

const contents = new WeakMap<EdgeProbe, LabelContent | null>();

/** The probe's label, computed once per probe (a viewport move redraws without recomputing). */
export function cachedContent(p: EdgeProbe): LabelContent | null {
  let c = contents.get(p);
  if (c === undefined) {
    c = labelContent(p);
    contents.set(p, c);
  }
  return c;
}

/** The edge shows its compact live label: labels on, a probe, and no step-through or NaN/Inf label in its place. */
export function showsLiveLabel(
  id: string,
  t: Pick<TrainingState, 'showLabels' | 'nonFinite' | 'probes'>,
  s: Pick<StepThroughState, 'active' | 'views' | 'index'>,
): EdgeProbe | null {
  if (!t.showLabels || t.nonFinite?.edge === id) return null;
  if (s.active && s.views[s.index + 1]?.[id]) return null;
  return t.probes[id] ?? null;
}

function itemsOf(anchors: ReadonlyMap<string, Anchor>): LabelItem[] {
  const t = useTraining.getState();
  const s = useStepThrough.getState();
  const items: LabelItem[] = [];
  for (const [id, a] of anchors) {
    const p = showsLiveLabel(id, t, s);
    const content = p && cachedContent(p);
    if (content) items.push({ id, x: a.x, y: a.y, content });
  }
  return items;
}

export function EdgeLabelLayer() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const flow = useStoreApi();

  useEffect(() => {
    let frame: number | null = null;
    let shown = -1;
    let area: LabelArea = { x: 0, y: 0, width: 0, height: 0 };
    const draw = (): void => {
      frame = null;
      const el = canvas.current;
      const ctx = el?.getContext('2d');
      if (!el || !ctx) return;
      const t0 = performance.now();
      const { transform, width, height } = flow.getState();
      const view = { x: transform[0], y: transform[1], zoom: transform[2], width, height, dpr: window.devicePixelRatio || 1 };
      const placed = placeLabels(ctx, itemsOf(labelAnchors.all()), view);
      const a = labelArea(placed, view);
      const w = Math.round(a.width * view.dpr);
      const h = Math.round(a.height * view.dpr);
      // Resizing clears the canvas and reallocates it: only when the labels' snapped extent changed.
      if (el.width !== w || el.height !== h) {
        el.width = w;
        el.height = h;
        el.style.width = `${a.width}px`;
        el.style.height = `${a.height}px`;
      }
      if (a.x !== area.x || a.y !== area.y) el.style.transform = `translate(${a.x}px, ${a.y}px)`;
      area = a;
      if (w > 0 && h > 0) paintLabels(ctx, placed, view, a);
      // How many labels are drawn, for tests and the bench; written only when it changes (no per-snapshot DOM churn).
      if (placed.length !== shown) {
        shown = placed.length;
        el.dataset.labels = String(shown);
      }
      viewCost.add(performance.now() - t0);
    };
    const schedule = (): void => {
      if (frame === null) frame = requestAnimationFrame(draw);
    };
    const offFlow = flow.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) schedule();
    });
    const offTraining = useTraining.subscribe((s, prev) => {
      if (s.probes !== prev.probes || s.showLabels !== prev.showLabels || s.nonFinite !== prev.nonFinite) schedule();
    });
    const offStep = useStepThrough.subscribe(schedule);
    const offAnchors = labelAnchors.subscribe(schedule);
    schedule();
    return () => {
      offFlow();
      offTraining();
      offStep();
      offAnchors();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [flow]);

  // Drawn pixels only: the same labels are text in EdgeLabelText for screen readers and tests.
  return <canvas ref={canvas} className="wg-edge-label-layer" aria-hidden="true" />;
}
