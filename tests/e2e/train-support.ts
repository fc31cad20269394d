// Shared steps for the training end-to-end tests: the mouse on the palette and handles, and a check that a
// screenshot shows something.
import type { Page } from 'playwright-core';

export async function dragFromPalette(page: Page, op: string, x: number, y: number): Promise<void> {
  await page.locator(`.palette-item[data-op="${op}"]`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

export async function wire(page: Page, source: string, target: string, port: string): Promise<void> {
  const from = await page.locator(`.react-flow__node[data-id="${source}"] .react-flow__handle[data-handleid="out"]`).boundingBox();
  const to = await page.locator(`.react-flow__node[data-id="${target}"] .react-flow__handle[data-handleid="${port}"]`).boundingBox();
  if (!from || !to) throw new Error(`handles of ${source} → ${target}.${port} not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 10, { steps: 6 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 });
  await page.mouse.up();
}

export async function setAttr(page: Page, node: string, attr: string, value: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${node}"] .op-node-head`).click();
  const field = page.getByLabel(attr, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

/** Distinct colours and the share of pixels unlike the most common one, decoded by the browser from the PNG. */
export async function imageStats(page: Page, png: Buffer): Promise<{ colours: number; inked: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < d.length; i += 4) {
      const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const top = Math.max(...counts.values());
    return { colours: counts.size, inked: 1 - top / (d.length / 4) };
  }, png.toString('base64'));
}
