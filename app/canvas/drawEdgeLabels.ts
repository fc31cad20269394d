// Draws every edge's compact label onto one 2D canvas: a snapshot costs one canvas redraw, not a React render, a style
// recalc, a layout and a raster of ~50 DOM labels (bench/editor-fps.ts). Sizes are in flow units (CSS px at zoom 1),
// so labels scale with the canvas like the nodes do. Pure: no React, no store.
import { diverging } from '../training/format';
import type { LabelContent, StripContent } from '../training/labelContent';

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
    const w = ctx.measureText(c.grad === null ? c.value : `${c.value} ∇${c.grad}`).width;
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

/** Clears the canvas and draws the labels inside the visible pane; returns the ids drawn. */
export function drawEdgeLabels(ctx: LabelContext, items: readonly LabelItem[], view: LabelView): string[] {
  const { dpr, zoom } = view;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, view.width * dpr, view.height * dpr);
  ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * view.x, dpr * view.y);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.strokeStyle = BORDER;
  ctx.lineWidth = 1;
  // The pane in flow coordinates: labels wholly outside it are skipped.
  const x0 = -view.x / zoom;
  const y0 = -view.y / zoom;
  const x1 = x0 + view.width / zoom;
  const y1 = y0 + view.height / zoom;
  const drawn: string[] = [];
  for (const it of items) {
    const size = measure(ctx, it.content);
    const left = it.x - size.w / 2;
    const top = it.y - size.h / 2;
    if (left > x1 || top > y1 || left + size.w < x0 || top + size.h < y0) continue;
    drawOne(ctx, it.content, left, top, size);
    drawn.push(it.id);
  }
  return drawn;
}
