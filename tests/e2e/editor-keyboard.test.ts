// The editor driven as people drive node editors, in headless Chromium against the dev server: a graph arriving by
// link (labels with markup stay text), Tab to a node, arrows nudge it, Delete, undo/redo, select all, copy/paste,
// double-click quick-add, and dropping .json files (a good one opens, a bad one is refused and changes nothing).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeShare } from '../../app/files/share';
import type { GraphDoc } from '../../engine/graph/types';
import { editorInChromium } from './editor-page';

const MARKUP_LABEL = '<img src=x onerror="window.__pwned=1">';
const MARKUP_NAME = '<script>window.__pwned=2</script>';

const xor: GraphDoc = {
  format: 'wiregrad-graph',
  version: 1,
  name: MARKUP_NAME,
  nodes: [
    { id: 'x', op: 'Input', attrs: { features: 2 }, position: { x: 0, y: 0 } },
    { id: 'fc1', op: 'Linear', attrs: { in: 2, out: 4 }, label: MARKUP_LABEL, position: { x: 200, y: 0 } },
    { id: 'act', op: 'ReLU', position: { x: 400, y: 0 } },
    { id: 'fc2', op: 'Linear', attrs: { in: 4, out: 1 }, position: { x: 600, y: 0 } },
    { id: 'p', op: 'Sigmoid', position: { x: 800, y: 0 } },
    { id: 'y', op: 'Target', attrs: { features: 1 }, position: { x: 600, y: 200 } },
    { id: 'loss', op: 'BCELoss', position: { x: 1000, y: 100 } },
  ],
  edges: [
    { id: 'e1', source: 'x', target: 'fc1', targetPort: 'in' },
    { id: 'e2', source: 'fc1', target: 'act', targetPort: 'in' },
    { id: 'e3', source: 'act', target: 'fc2', targetPort: 'in' },
    { id: 'e4', source: 'fc2', target: 'p', targetPort: 'in' },
    { id: 'e5', source: 'p', target: 'loss', targetPort: 'input' },
    { id: 'e6', source: 'y', target: 'loss', targetPort: 'target' },
  ],
};

/** Waits generously: the whole suite shares two cores, and a busy machine is not a failure. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const countNodes = (page: Page) => page.locator('.react-flow__node').count();
const countEdges = (page: Page) => page.locator('.react-flow__edge').count();
const transformOf = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);

async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ({ name, text }) => {
      const pane = document.querySelector('.react-flow__pane') as HTMLElement;
      const box = pane.getBoundingClientRect();
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/json' }));
      const at = { clientX: box.left + 40, clientY: box.top + 40, bubbles: true, cancelable: true, dataTransfer: dt };
      pane.dispatchEvent(new DragEvent('dragover', at));
      pane.dispatchEvent(new DragEvent('drop', at));
    },
    { name, text },
  );
}

describe('the editor with the keyboard and from links and drops (headless Chromium)', () => {
  const editor = editorInChromium();

  it('works by keyboard and keeps untrusted text as text', async () => {
    const link = encodeShare(xor);
    if (!link.ok) throw new Error(link.message);
    const { page, errors } = await editor.open({ hash: link.hash, ready: '.react-flow__node[data-id="loss"]' });

    // The link's graph opened; its markup is shown as text and never ran; the hash is gone so a reload uses autosave.
    expect(await countNodes(page)).toBe(7);
    expect(await countEdges(page)).toBe(6);
    expect(await page.locator('.react-flow__node[data-id="fc1"] .op-node-label').textContent()).toBe(MARKUP_LABEL);
    expect(await page.locator('.doc-name').textContent()).toBe(MARKUP_NAME);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(new URL(page.url()).hash).toBe('');

    // Every control in the editor's areas has an accessible name (checked with a node open in the inspector).
    await page.locator('.react-flow__node[data-id="fc1"] .op-node-head').click();
    await page.getByRole('table', { name: 'weight of fc1' }).waitFor();
    const unnamed = await page.evaluate(() => {
      const areas = '.toolbar, .palette, .canvas, .inspector';
      const controls = [...document.querySelectorAll<HTMLElement>(`:is(${areas}) :is(button, input, select, textarea, [role="button"])`)];
      const named = (el: HTMLElement) =>
        Boolean(
          el.getAttribute('aria-label')?.trim() ||
            el.getAttribute('aria-labelledby') ||
            (el.id && document.querySelector(`label[for="${el.id}"]`)) ||
            el.closest('label') ||
            (el.tagName === 'BUTTON' && el.textContent?.trim()) ||
            el.getAttribute('title'),
        );
      return { count: controls.length, unnamed: controls.filter((el) => !named(el)).map((el) => el.outerHTML.slice(0, 120)) };
    });
    expect(unnamed.count).toBeGreaterThan(40);
    expect(unnamed.unnamed).toEqual([]);
    await page.keyboard.press('Escape');

    // Tab from the palette reaches the nodes.
    await page.locator('.palette-item').last().focus();
    let onNode = false;
    for (let i = 0; i < 30 && !onNode; i++) {
      await page.keyboard.press('Tab');
      onNode = await page.evaluate(() => document.activeElement?.classList.contains('react-flow__node') ?? false);
    }
    expect(onNode).toBe(true);

    // Select a node by keyboard, nudge it with the arrows, delete it, undo and redo.
    await page.locator('.react-flow__node[data-id="act"]').focus();
    await page.keyboard.press('Enter');
    const before = await transformOf(page, 'act');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await poll(() => transformOf(page, 'act')).not.toBe(before);
    await page.keyboard.press('Delete');
    await poll(() => countNodes(page)).toBe(6);
    expect(await countEdges(page)).toBe(4);
    await page.keyboard.press('Control+z');
    await poll(() => countNodes(page)).toBe(7);
    expect(await countEdges(page)).toBe(6);
    await page.keyboard.press('Control+Shift+z');
    await poll(() => countNodes(page)).toBe(6);
    await page.keyboard.press('Control+z');
    await poll(() => countNodes(page)).toBe(7);
    await page.keyboard.press('Control+z'); // the nudges, one step each
    await page.keyboard.press('Control+z');
    await poll(() => transformOf(page, 'act')).toBe(before);
    await page.keyboard.press('Control+y');
    await poll(() => transformOf(page, 'act')).not.toBe(before);

    // Select all, copy, paste: every node and the edges among them, once more.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await poll(() => countNodes(page)).toBe(14);
    expect(await countEdges(page)).toBe(12);
    await page.keyboard.press('Control+z');
    await poll(() => countNodes(page)).toBe(7);

    // Double-click the empty canvas: a searchable list; type, Enter adds the node there.
    await page.locator('.react-flow__pane').dblclick({ position: { x: 20, y: 20 } });
    const search = page.getByRole('combobox', { name: 'Search nodes' });
    await search.fill('tanh');
    await poll(() => page.getByRole('listbox', { name: 'Matching nodes' }).getByRole('option').first().textContent()).toMatch(/^Tanh/);
    await search.press('Enter');
    await poll(() => page.locator('.react-flow__node[data-id="tanh1"]').count()).toBe(1);
    expect(await countNodes(page)).toBe(8);
    await page.locator('.react-flow__pane').dblclick({ position: { x: 400, y: 12 } });
    await page.getByRole('combobox', { name: 'Search nodes' }).press('Escape');
    expect(await page.getByRole('combobox', { name: 'Search nodes' }).count()).toBe(0);

    // A connection dropped on the empty canvas opens the list; the picked node arrives wired in, as one undo step.
    const out = await page.locator('.react-flow__node[data-id="tanh1"] .react-flow__handle[data-handleid="out"]').boundingBox();
    const paneBox = await page.locator('.react-flow__pane').boundingBox();
    if (!out || !paneBox) throw new Error('tanh1 is not on screen');
    await page.mouse.move(out.x + out.width / 2, out.y + out.height / 2);
    await page.mouse.down();
    await page.mouse.move(paneBox.x + 420, paneBox.y + 30, { steps: 8 });
    await page.mouse.up();
    const wired = page.getByRole('combobox', { name: 'Search nodes' });
    await wired.fill('sigmoid');
    await poll(() => page.getByRole('listbox', { name: 'Matching nodes' }).getByRole('option').first().textContent()).toMatch(/^Sigmoid/);
    await wired.press('Enter');
    await poll(() => page.locator('.react-flow__node[data-id="sigmoid1"]').count()).toBe(1);
    expect(await countEdges(page)).toBe(7);
    await page.keyboard.press('Control+z');
    await poll(() => countNodes(page)).toBe(8);
    expect(await countEdges(page)).toBe(6);

    // Dropping a bad .json on the canvas is refused with its errors; the graph stays.
    await dropFile(page, 'broken.json', JSON.stringify({ ...xor, edges: [...xor.edges, { id: 'e7', source: 'x', target: 'nowhere', targetPort: 'in' }] }));
    const dialog = page.getByRole('dialog', { name: 'Could not open broken.json' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/edges\[6\].*nowhere/);
    await page.keyboard.press('Escape');
    await poll(() => dialog.count()).toBe(0);
    expect(await countNodes(page)).toBe(8);

    // Dropping a good one opens it.
    const small: GraphDoc = { format: 'wiregrad-graph', version: 1, name: 'dropped', nodes: [xor.nodes[0]], edges: [] };
    await dropFile(page, 'small.json', JSON.stringify(small));
    await poll(() => countNodes(page)).toBe(1);
    expect(await page.locator('.doc-name').textContent()).toBe('dropped');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
