// Issue 6, items 4 and 5, in headless Chromium against the real dev server: a browser without WebGPU trains XOR on
// the CPU and says so; a renderer that crashes mid-training loses nothing the autosave had written.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, launchChromium } from '../support/chromium';
import { freePort, startVite } from '../support/editor-server';

const AUTOSAVE_KEY = 'wiregrad:autosave';

/** Waits generously: the whole suite shares two cores, and a busy machine is not a failure. */
const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout });

const stepCount = async (page: Page): Promise<number> =>
  Number(((await page.getByTestId('step-count').textContent()) ?? '').replace(/,/g, ''));

async function openXor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const templates = page.getByRole('combobox', { name: 'Open a template' });
  await poll(() => templates.locator('option').count(), 60_000).toBeGreaterThan(1);
  await templates.selectOption('xor-mlp.json');
  await poll(() => page.locator('.react-flow__node').count()).toBe(7);
}

/** The weights of a Linear as the inspector shows them (full precision, from each cell's accessible name). */
async function inspectorWeights(page: Page, node: string): Promise<{ legend: string; values: number[] }> {
  await page.locator(`.react-flow__node[data-id="${node}"] .op-node-head`).click();
  const table = page.getByRole('table', { name: `weight of ${node}` });
  await table.waitFor({ timeout: 30_000 });
  const names = await table.getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const legend = (await page.locator('fieldset.params legend').textContent()) ?? '';
  return { legend: legend.trim(), values: names.map((n) => Number(/ = (\S+);/.exec(n)?.[1])) };
}

/** The weight of `node` in the graph autosaved to this context's localStorage, flattened; null if it has none. */
async function autosavedWeight(page: Page, node: string): Promise<number[] | null> {
  const text = await page.evaluate((key) => localStorage.getItem(key), AUTOSAVE_KEY);
  if (!text) return null;
  const doc = JSON.parse(text) as { nodes: { id: string; params?: Record<string, unknown> }[] };
  const w = doc.nodes.find((n) => n.id === node)?.params?.weight;
  return Array.isArray(w) ? (w.flat(Infinity) as number[]) : null;
}

describe('resilience in the editor (headless Chromium)', () => {
  let vite: ChildProcess | null = null;
  let url = '';
  const browsers: Browser[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    vite = await startVite(port);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    for (const b of browsers) await b.close();
    vite?.kill('SIGTERM');
  });

  it('a browser without WebGPU runs on the CPU and says so', async () => {
    // Debian's chromium without --enable-unsafe-webgpu: navigator.gpu exists but offers no adapter (page and worker).
    if (!existsSync(CHROMIUM)) throw new Error(`Debian's chromium is not installed at ${CHROMIUM}: run \`node scripts/ensure-deps.mjs --system\`.`);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'),
    });
    browsers.push(browser);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openXor(page, url);
    const adapter = await page.evaluate(async () => ({
      page: (await navigator.gpu?.requestAdapter()) ?? null,
      worker: await new Promise((ok) => {
        const src = 'navigator.gpu ? navigator.gpu.requestAdapter().then((a) => postMessage(a === null)) : postMessage(true)';
        new Worker(URL.createObjectURL(new Blob([src]))).onmessage = (e) => ok(e.data);
      }),
    }));
    expect(adapter).toEqual({ page: null, worker: true });

    const panel = page.getByRole('region', { name: 'Training' });
    await poll(() => panel.getByTestId('backend-running').textContent()).toBe('runs on CPU');
    // ...and why, in words under the badge.
    await expect(panel.locator('.wg-note').textContent()).resolves.toMatch(/running on the CPU \(WebGPU is present but offers no adapter/);
    await poll(() => panel.getByRole('button', { name: 'Play: train' }).isEnabled()).toBe(true);
    await panel.getByRole('button', { name: 'Play: train' }).click();
    await poll(() => stepCount(page)).toBeGreaterThan(0);
    const first = await stepCount(page);
    await poll(() => stepCount(page)).toBeGreaterThan(first);
    expect(await panel.getByTestId('backend-running').textContent()).toBe('runs on CPU');
    await panel.getByRole('button', { name: 'Pause training' }).click();
    expect(errors).toEqual([]);
  }, 180_000);

  it('autosave survives a crash mid-training: a new page restores the graph with its trained weights', async () => {
    const browser = await launchChromium();
    browsers.push(browser);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await openXor(page, url);
    const panel = page.getByRole('region', { name: 'Training' });
    const seeded = await inspectorWeights(page, 'hidden');
    expect(seeded.legend).toBe('Parameters (from the seed)');
    expect(seeded.values.length).toBe(8);
    await poll(() => panel.getByTestId('accuracy').textContent()).toMatch(/^[\d.]+%$/);
    expect(await panel.getByTestId('accuracy').textContent()).not.toBe('100%');

    await poll(() => panel.getByRole('button', { name: 'Play: train' }).isEnabled()).toBe(true);
    await panel.getByRole('button', { name: 'Play: train' }).click();
    await poll(() => panel.getByTestId('accuracy').textContent(), 90_000).toBe('100%');
    // Weights reach the document every ~2 s and the autosave soon after: let a few such writes happen.
    await page.waitForTimeout(5000);
    const saved = await autosavedWeight(page, 'hidden');
    expect(saved?.length).toBe(8);
    expect(saved).not.toEqual(seeded.values);
    await panel.getByRole('button', { name: 'Pause training' }).waitFor({ timeout: 1000 }); // still training

    // The crash: the renderer dies (no pagehide, no beforeunload), as when the tab's process is killed.
    const crashed = new Promise<void>((ok) => page.once('crash', () => ok()));
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => undefined); // never answered: the page is gone
    await crashed;
    await page.close().catch(() => undefined);

    const again = await context.newPage();
    const errors: string[] = [];
    again.on('pageerror', (e) => errors.push(e.message));
    await again.goto(url);
    await poll(() => again.getByRole('status').textContent()).toMatch(/Restored your last session/);
    await poll(() => again.locator('.react-flow__node').count()).toBe(7);
    const restored = await inspectorWeights(again, 'hidden');
    expect(restored.legend).toBe('Parameters');
    // What the page shows is what the crashed page had saved, to float precision.
    expect(restored.values.length).toBe(8);
    restored.values.forEach((v, i) => expect(v).toBeCloseTo((saved as number[])[i], 5));
    const panel2 = again.getByRole('region', { name: 'Training' });
    await poll(() => panel2.getByTestId('accuracy').textContent()).toBe('100%');
    expect(await stepCount(again)).toBe(0);
    expect(errors).toEqual([]);
  }, 240_000);
});
