// A new user, in headless Chromium with WebGPU on: builds the XOR MLP with the mouse, chooses XOR, trains to 100%,
// reads a gradient off the edge labels, exports, reloads, imports the file back, and the screen is not blank.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../../engine/graph/load';
import { editorInChromium } from './editor-page';
import { dragFromPalette, imageStats, setAttr, wire } from './train-support';

const NUMBER = '−?[\\d.]+(e−?\\d+)?';

describe('training XOR in the editor (headless Chromium, WebGPU on)', () => {
  const editor = editorInChromium();

  it('build, choose XOR, train to 100%, read a gradient, export, reload, import back', async () => {
    const { page, context, errors } = await editor.open({ viewport: { width: 1440, height: 900 } });
    // WebGPU is on in this browser (SwiftShader without a GPU): the editor may use it.
    const adapter = await page.evaluate(async () => (await navigator.gpu?.requestAdapter())?.info.architecture ?? 'none');
    expect(adapter).toBe('swiftshader');

    const layout: [string, number, number][] = [
      ['Input', 60, 120], ['Linear', 230, 120], ['ReLU', 400, 120], ['Linear', 570, 120],
      ['Sigmoid', 570, 300], ['Target', 400, 460], ['BCELoss', 570, 460],
    ];
    for (const [op, x, y] of layout) await dragFromPalette(page, op, x, y);
    await setAttr(page, 'linear1', 'out', '8');
    await setAttr(page, 'linear2', 'in', '8');
    await setAttr(page, 'linear2', 'out', '1');
    await wire(page, 'input1', 'linear1', 'in');
    await wire(page, 'linear1', 'relu1', 'in');
    await wire(page, 'relu1', 'linear2', 'in');
    await wire(page, 'linear2', 'sigmoid1', 'in');
    await wire(page, 'sigmoid1', 'bceloss1', 'input');
    await wire(page, 'target1', 'bceloss1', 'target');
    await expect.poll(() => page.locator('.react-flow__edge').count(), { timeout: 10_000 }).toBe(6);

    const panel = page.getByRole('region', { name: 'Training' });
    await panel.getByLabel('data set').selectOption('xor');
    await panel.getByLabel('optimiser').selectOption('adam');
    await panel.getByLabel('learning rate').fill('0.05');
    // auto picks WebGPU when the browser has an adapter; this one has (SwiftShader), so training runs on the GPU.
    await expect.poll(() => panel.getByTestId('backend-running').textContent(), { timeout: 30_000 }).toBe('runs on WebGPU');
    await expect.poll(() => panel.getByRole('button', { name: 'Play: train' }).isEnabled(), { timeout: 30_000 }).toBe(true);

    await panel.getByRole('button', { name: 'Play: train' }).click();
    await expect.poll(() => panel.getByTestId('accuracy').textContent(), { timeout: 60_000 }).toBe('100%');
    await panel.getByRole('button', { name: 'Pause training' }).click();
    await panel.getByRole('button', { name: 'Play: train' }).waitFor();
    expect(Number((await panel.getByTestId('step-count').textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);

    // Edge labels are drawn on one canvas over the graph; their words are also text (for screen readers), one item per
    // edge. The edge into the loss carries one number per row: its label reads "value ∇gradient".
    const texts = await page.locator('[data-edge-label] .wg-label-text').allTextContents();
    expect(texts.length).toBeGreaterThanOrEqual(5);
    const scalar = texts.find((t) => new RegExp(`^${NUMBER} ∇${NUMBER}$`).test(t));
    expect(scalar, `edge labels: ${texts.join(' | ')}`).toBeDefined();
    const grad = Number(scalar!.split('∇')[1].replace(/−/g, '-'));
    expect(Number.isFinite(grad)).toBe(true);
    // Wide edges (8 hidden units) show a strip of 8 coloured cells instead of numbers.
    expect(texts.filter((t) => t.startsWith('8 elements: ')).length).toBeGreaterThanOrEqual(1);
    // What the user sees: every labelled edge is drawn, in ink and in colour (the cells, the numbers).
    expect(Number(await page.locator('.wg-edge-label-layer').getAttribute('data-labels'))).toBe(texts.length);
    const ink = await page.locator('.wg-edge-label-layer').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let drawn = 0;
      let coloured = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] === 0) continue;
        drawn++;
        if (d[i + 3] > 200 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 80) coloured++;
      }
      return { drawn, coloured };
    });
    expect(ink.drawn).toBeGreaterThan(2000);
    expect(ink.coloured).toBeGreaterThan(100);

    // Export: the saved file carries the trained weights and the XOR settings.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save' }).click()]);
    const saved = await readFile(await download.path());
    const loaded = loadGraph(saved.toString('utf8'));
    expect(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors)).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.training?.data).toEqual({ builtin: 'xor' });
    const w = loaded.value.nodes.find((n) => n.id === 'linear1')?.params?.weight;
    expect(Array.isArray(w) && w.length).toBe(8);

    // Reload (autosave restores), then New and import the exported file back: trained and at 100% at once.
    await page.waitForTimeout(1000);
    await page.reload();
    await page.locator('.react-flow__node[data-id="bceloss1"]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'New' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 10_000 }).toBe(0);
    await page.getByLabel('Open a graph file').setInputFiles({ name: 'xor-trained.json', mimeType: 'application/json', buffer: saved });
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 10_000 }).toBe(7);
    await expect.poll(() => panel.getByTestId('accuracy').textContent(), { timeout: 30_000 }).toBe('100%');
    await expect.poll(() => panel.getByTestId('step-count').textContent(), { timeout: 10_000 }).toBe('0');

    const shot = await page.screenshot();
    const stats = await imageStats(page, shot);
    expect(stats.colours).toBeGreaterThan(50);
    expect(stats.inked).toBeGreaterThan(0.05);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
