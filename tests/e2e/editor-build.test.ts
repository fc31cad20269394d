// A new user builds the XOR network with the mouse in headless Chromium, against the real dev server:
// drag the ops from the palette, wire the ports, set sizes in the inspector, save, reload, open the file back.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadGraph } from '../../engine/graph/load';
import { editorInChromium } from './editor-page';
import { dragFromPalette, imageStats, setAttr, wire } from './train-support';

/** Waits generously: the whole suite shares two cores, and a busy machine is not a failure. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const countNodes = (page: Page) => page.locator('.react-flow__node').count();
const countEdges = (page: Page) => page.locator('.react-flow__edge').count();
const transformOf = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);

describe('building a network in the editor (headless Chromium)', () => {
  const editor = editorInChromium();

  it('drag, wire, set sizes, save, reload, open the file back', async () => {
    const { page, context, errors } = await editor.open();

    const layout: [string, number, number][] = [
      ['Input', 80, 100], ['Linear', 250, 100], ['ReLU', 420, 100], ['Linear', 590, 100],
      ['Sigmoid', 590, 260], ['Target', 420, 420], ['BCELoss', 590, 420],
    ];
    for (const [op, x, y] of layout) await dragFromPalette(page, op, x, y);
    expect(await countNodes(page)).toBe(7);

    await wire(page, 'input1', 'linear1', 'in');
    await wire(page, 'linear1', 'relu1', 'in');
    await wire(page, 'relu1', 'linear2', 'in');
    await wire(page, 'linear2', 'sigmoid1', 'in');
    expect(await countEdges(page)).toBe(4);

    // A mismatched wire is refused with the reason on the status line.
    await wire(page, 'sigmoid1', 'bceloss1', 'input');
    await wire(page, 'target1', 'bceloss1', 'target');
    await poll(() => page.getByRole('status').textContent()).toMatch(/Cannot connect target1 → bceloss1\.target: .*\[B, 2\].*\[B, 1\]/);
    expect(await countEdges(page)).toBe(5);

    await setAttr(page, 'linear1', 'out', '4');
    await setAttr(page, 'linear2', 'in', '4');
    await setAttr(page, 'linear2', 'out', '1');
    await poll(() => page.locator('.react-flow__node[data-id="linear2"] .op-node-shape').textContent()).toBe('[B, 1]');
    await wire(page, 'target1', 'bceloss1', 'target');
    expect(await countEdges(page)).toBe(6);
    expect(await page.locator('.op-node.has-error').count()).toBe(0);
    await poll(() => page.locator('.react-flow__node[data-id="linear1"] .op-node-params').textContent()).toBe('W 4×2, b 4');

    // A drag is one undo step, however many moves it took.
    const start = await transformOf(page, 'relu1');
    const head = await page.locator('.react-flow__node[data-id="relu1"] .op-node-head').boundingBox();
    if (!head) throw new Error('relu1 not on screen');
    await page.mouse.move(head.x + 20, head.y + 6);
    await page.mouse.down();
    await page.mouse.move(head.x + 60, head.y + 40, { steps: 15 });
    await page.mouse.up();
    expect(await transformOf(page, 'relu1')).not.toBe(start);
    await page.keyboard.press('Control+z');
    await poll(() => transformOf(page, 'relu1')).toBe(start);
    expect(await countEdges(page)).toBe(6);

    // Shift+drag on the empty canvas box-selects.
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    await page.keyboard.down('Shift');
    await page.mouse.move(pane.x + 1, pane.y + 1);
    await page.mouse.down();
    await page.mouse.move(pane.x + 725, pane.y + 560, { steps: 10 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await poll(() => page.locator('.react-flow__node.selected').count()).toBe(7);
    expect(await page.getByRole('complementary', { name: 'Inspector' }).textContent()).toMatch(/7 nodes selected/);

    // Save downloads the graph file; it loads with the engine's own reader.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save' }).click()]);
    const saved = await readFile(await download.path());
    const loaded = loadGraph(saved.toString('utf8'));
    expect(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors)).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.nodes.map((n) => n.op)).toEqual(['Input', 'Linear', 'ReLU', 'Linear', 'Sigmoid', 'Target', 'BCELoss']);
    expect(loaded.value.edges).toHaveLength(6);
    expect(loaded.value.nodes[3].attrs).toEqual({ in: 4, out: 1 });

    // A reload restores the work from the autosave.
    await page.waitForTimeout(1000);
    await page.reload();
    await page.locator('.react-flow__node[data-id="bceloss1"]').waitFor();
    expect(await countNodes(page)).toBe(7);
    expect(await countEdges(page)).toBe(6);

    // New empties the canvas; opening the saved file brings the graph back.
    await page.getByRole('button', { name: 'New' }).click();
    await poll(() => countNodes(page)).toBe(0);
    await page.getByLabel('Open a graph file').setInputFiles({ name: 'xor.json', mimeType: 'application/json', buffer: saved });
    await poll(() => countNodes(page)).toBe(7);
    expect(await countEdges(page)).toBe(6);
    await poll(() => page.getByRole('status').textContent()).toMatch(/Opened xor\.json/);

    await page.getByRole('button', { name: 'Fit graph to view' }).click();
    await page.waitForTimeout(400);
    const shot = await page.screenshot();
    const stats = await imageStats(page, shot);
    expect(stats.colours).toBeGreaterThan(50);
    expect(stats.inked).toBeGreaterThan(0.05);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
