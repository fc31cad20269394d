// Draws every edge's compact label onto one 2D canvas: a snapshot costs one canvas redraw, not a React render, a style
// recalc, a layout and a raster of ~50 DOM labels (bench/editor-fps.ts). Sizes are in flow units (CSS px at zoom 1),
// so labels scale with the canvas like the nodes do. Pure: no React, no store.
import { diverging } from '../training/format';
import { labelText, type LabelContent, type StripContent } from '../training/labelContent';

/** The part of CanvasRenderingContext2D the labels use (tests pass a recorder). */
export type LabelContext = Pick<
  CanvasRenderingContext2D,
  | 'font'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'textBaseline'
  | 'textAlign'
  | 'setTransform'
  | 'clearRect'
  | 'beginPath'
  | 'roundRect'
  | 'fill'
  | 'stroke'
  | 'fillRect'
  | 'fillText'
  | 'measureText'
>;

export interface LabelItem {
  id: string;
  /** The label's centre in flow coordinates. */
  x: number;
  y: number;
  content: LabelContent;
}

/** The visible pane: React Flow's transform [x, y, zoom] and size in CSS px, and the device pixel ratio. */
export interface LabelView {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
  dpr: number;
}

// The look of the former DOM labels (training.css): calm, legible from the back of a lecture hall.
const FONT = '600 11px ui-monospace, "SF Mono", Menlo, Consolas, monospace';
const SMALL_FONT = '600 9px ui-monospace, "SF Mono", Menlo, Consolas, monospace';
const LINE = 14;
const PAD_X = 5;
const PAD_Y = 2;
const RADIUS = 5;
const BOX = 'rgba(255, 255, 255, 0.94)';
const BORDER = '#e4e7ec';
const VALUE = '#1e3a8a';
const GRAD = '#7e22ce';
const MORE = '#667085';
const CELL = 8;
const SEAM = 1;
const VALUE_BAR = 7;
const GRAD_BAR = 5;
const STRIP_PAD_X = 3;
const STRIP_PAD_Y = 2;

interface Size {
  w: number;
  h: number;
}

function moreText(s: StripContent): string {
  return s.more > 0 ? `+${s.more}` : '';
}

function stripWidth(ctx: LabelContext, s: StripContent): number {
  const more = moreText(s);
  return s.cells.length * CELL + (more ? 2 + ctx.measureText(more).width : 0);
}

function measure(ctx: LabelContext, c: LabelContent): Size {
  if (c.kind === 'numbers') {
    ctx.font = FONT;
    const w = ctx.measureText(labelText(c)).width;
    return { w: w + 2 * PAD_X, h: LINE + 2 * PAD_Y };
  }
  ctx.font = SMALL_FONT;
  const w = Math.max(stripWidth(ctx, c.value), c.grad ? stripWidth(ctx, c.grad) : 0);
  return { w: w + 2 * STRIP_PAD_X, h: VALUE_BAR + (c.grad ? 1 + GRAD_BAR : 0) + 2 * STRIP_PAD_Y };
}

function drawStrip(ctx: LabelContext, s: StripContent, x: number, y: number, h: number): void {
  for (let i = 0; i < s.cells.length; i++) {
    ctx.fillStyle = diverging(s.cells[i] / s.max);
    ctx.fillRect(x + i * CELL, y, CELL - SEAM, h);
  }
  const more = moreText(s);
  if (more) {
    ctx.fillStyle = MORE;
    ctx.fillText(more, x + s.cells.length * CELL + 2, y + h / 2);
  }
}

function drawOne(ctx: LabelContext, c: LabelContent, left: number, top: number, size: Size): void {
  ctx.beginPath();
  ctx.roundRect(left, top, size.w, size.h, RADIUS);
  ctx.fillStyle = BOX;
  ctx.fill();
  ctx.stroke();
  if (c.kind === 'numbers') {
    ctx.font = FONT;
    const mid = top + size.h / 2;
    ctx.fillStyle = VALUE;
    ctx.fillText(c.value, left + PAD_X, mid);
    if (c.grad !== null) {
      ctx.fillStyle = GRAD;
      ctx.fillText(` ∇${c.grad}`, left + PAD_X + ctx.measureText(c.value).width, mid);
    }
    return;
  }
  ctx.font = SMALL_FONT;
  const x = left + STRIP_PAD_X;
  drawStrip(ctx, c.value, x, top + STRIP_PAD_Y, VALUE_BAR);
  if (c.grad) drawStrip(ctx, c.grad, x, top + STRIP_PAD_Y + VALUE_BAR + 1, GRAD_BAR);
}

/** A label measured and placed: its box in flow units. */
export interface PlacedLabel {
  id: string;
  content: LabelContent;
  left: number;
  top: number;
  w: number;
  h: number;
}

/** The part of the pane the canvas covers, in CSS px from the pane's top left. */
export interface LabelArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Measures the labels and keeps those inside the visible pane. */
export function placeLabels(ctx: LabelContext, items: readonly LabelItem[], view: LabelView): PlacedLabel[] {
  const { zoom } = view;
  const x0 = -view.x / zoom;
  const y0 = -view.y / zoom;
  const x1 = x0 + view.width / zoom;
  const y1 = y0 + view.height / zoom;
  const placed: PlacedLabel[] = [];
  for (const it of items) {
    const { w, h } = measure(ctx, it.content);
    const left = it.x - w / 2;
    const top = it.y - h / 2;
    if (left > x1 || top > y1 || left + w < x0 || top + h < y0) continue;
    placed.push({ id: it.id, content: it.content, left, top, w, h });
  }
  return placed;
}

/** Snap of the canvas area: it is resized (and cleared) only when the labels' extent crosses a 64 px line. */
const SNAP = 64;

/**
 * The smallest snapped part of the pane that holds every label: the canvas covers only that, so a redraw damages (and
 * the compositor redraws) that area rather than the whole pane.
 */
export function labelArea(placed: readonly PlacedLabel[], view: LabelView): LabelArea {
  if (placed.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of placed) {
    x0 = Math.min(x0, p.left);
    y0 = Math.min(y0, p.top);
    x1 = Math.max(x1, p.left + p.w);
    y1 = Math.max(y1, p.top + p.h);
  }
  const sx0 = Math.max(0, Math.floor((view.x + x0 * view.zoom - 1) / SNAP) * SNAP);
  const sy0 = Math.max(0, Math.floor((view.y + y0 * view.zoom - 1) / SNAP) * SNAP);
  const sx1 = Math.min(view.width, Math.ceil((view.x + x1 * view.zoom + 1) / SNAP) * SNAP);
  const sy1 = Math.min(view.height, Math.ceil((view.y + y1 * view.zoom + 1) / SNAP) * SNAP);
  return { x: sx0, y: sy0, width: Math.max(0, sx1 - sx0), height: Math.max(0, sy1 - sy0) };
}

/** Clears the canvas (covering `area` of the pane) and draws the placed labels. */
export function paintLabels(ctx: LabelContext, placed: readonly PlacedLabel[], view: LabelView, area: LabelArea): void {
  const { dpr, zoom } = view;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, area.width * dpr, area.height * dpr);
  ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * (view.x - area.x), dpr * (view.y - area.y));
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.strokeStyle = BORDER;
  ctx.lineWidth = 1;
  for (const p of placed) drawOne(ctx, p.content, p.left, p.top, p);
}
