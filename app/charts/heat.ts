// Painting grids of numbers onto canvases: the decision boundary and hidden-unit maps (TensorFlow Playground colours).
import { playground } from '../training/format';

/** A canvas 2D context, or null where there is none (jsdom). */
export function context2d(c: HTMLCanvasElement | null): CanvasRenderingContext2D | null {
  if (!c) return null;
  try {
    return c.getContext('2d');
  } catch {
    return null;
  }
}

let scratch: HTMLCanvasElement | null = null;

/** Draw `values` (size×size, row 0 at the top) onto `ctx` scaled to w×h; `toUnit` maps a value to [0, 1]. */
export function paintGrid(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  size: number,
  w: number,
  h: number,
  toUnit: (v: number) => number,
  stride = 1,
  offset = 0,
): void {
  const img = new ImageData(size, size);
  for (let i = 0; i < size * size; i++) {
    const [r, g, b] = playground(toUnit(values[i * stride + offset]));
    img.data[i * 4] = r;
    img.data[i * 4 + 1] = g;
    img.data[i * 4 + 2] = b;
    img.data[i * 4 + 3] = 255;
  }
  scratch ??= document.createElement('canvas');
  const tmp = scratch;
  if (tmp.width !== size) tmp.width = tmp.height = size;
  const t = context2d(tmp);
  if (!t) return;
  t.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tmp, 0, 0, w, h);
}
