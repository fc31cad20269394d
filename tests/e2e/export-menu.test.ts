// Export from the editor in headless Chromium, against the real dev server: the iris template (its data set fetched
// from /datasets/ by the page) downloads as a PyTorch script that Debian's torch trains, and, chosen with the
// keyboard alone, as an ONNX model that onnxruntime runs to wiregrad's own predictions.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as ort from 'onnxruntime-web';
import { loadGraph } from '../../engine/graph/load';
import type { GraphDoc } from '../../engine/graph/types';
import type { Session } from '../../engine/train/session';
import { assertTorch, inputFeed, lossLines, openSession, PYTHON, runOnnx } from '../export/harness';
import { editorInChromium } from './editor-page';

const EXAMPLES = join(import.meta.dirname, '../../public/examples');

/** Waits generously: the whole suite shares two cores, and a busy machine is not a failure. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 });

async function openIris(page: Page): Promise<void> {
  const templates = page.getByRole('combobox', { name: 'Open a template' });
  await poll(() => templates.locator('option').count()).toBeGreaterThan(1);
  await templates.selectOption({ label: 'Iris species with an MLP' });
  await poll(() => page.getByRole('status').textContent()).toMatch(/Opened Iris species with an MLP/);
}

/** Chooses an item of the Export menu with the mouse and returns the file the page downloads. */
async function exportVia(page: Page, item: string): Promise<{ name: string; path: string }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('menuitem', { name: item }).click();
  const d = await download;
  return { name: d.suggestedFilename(), path: await d.path() };
}

/** The ONNX export without the mouse: Enter opens the menu on its first item, ↓ Enter picks ONNX, the dialog's
 *  select takes the focus, Tab Tab Enter presses "Export ONNX". */
async function exportByKeyboard(page: Page): Promise<{ name: string; path: string }> {
  await page.getByRole('button', { name: 'Export', exact: true }).focus();
  await page.keyboard.press('Enter');
  await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('PyTorch script (.py)');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.closest('label')?.textContent ?? ''))
    .toMatch(/Export up to/);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export ONNX');
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.keyboard.press('Enter');
  const d = await download;
  return { name: d.suggestedFilename(), path: await d.path() };
}

describe('the Export menu in the editor (headless Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wiregrad-export-e2e-'));
  // Before the editor starts: without torch there is nothing to check the script against.
  beforeAll(() => assertTorch());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const editor = editorInChromium();

  it('iris: Export → PyTorch downloads a script that trains 5 steps in PyTorch; Export → ONNX (keyboard) computes what wiregrad predicts', async () => {
    const { page, context, errors } = await editor.open();
    await openIris(page);

    const py = await exportVia(page, 'PyTorch script (.py)');
    expect(py.name).toBe('iris_species_with_a_small_mlp.py');
    await poll(() => page.getByRole('status').textContent()).toMatch(/Exported iris_species_with_a_small_mlp\.py/);
    const script = join(dir, py.name);
    copyFileSync(py.path, script);
    const out = execFileSync(PYTHON, [script, '--steps', '5'], { encoding: 'utf8', timeout: 120_000 });
    const losses = lossLines(out);
    expect(losses, out).toHaveLength(5);
    for (const l of losses) expect(Number.isFinite(l) && l > 0, out).toBe(true);

    const onnx = await exportByKeyboard(page);
    expect(onnx.name).toBe('iris_species_with_a_small_mlp.onnx');
    // The page's model computes what wiregrad in Node predicts for the same (seeded, untrained) template.
    const session = await openSession(loadExample('iris-mlp.json'));
    try {
      const rows = session.data.train;
      const bytes = new Uint8Array(readFileSync(onnx.path));
      const input = session.plan.sources.find((src) => src.kind === 'x');
      const outs = Object.values(await runOnnx(bytes, { [await onlyInputName(bytes)]: inputFeed(rows, input?.columns ?? []) }));
      expect(outs).toHaveLength(1);
      const want = await session.executor.predict(rows, lossInput(session));
      expect(outs[0]).toHaveLength(rows.n * 3);
      outs[0].forEach((v, k) => expect(Math.abs(v - want[k]), `scores[${k}]`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want[k]))));
    } finally {
      session.dispose();
    }

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

function loadExample(file: string): GraphDoc {
  const r = loadGraph(readFileSync(join(EXAMPLES, file), 'utf8'));
  if (!r.ok) throw new Error(`${file} did not load: ${JSON.stringify(r.errors)}`);
  return r.value;
}

/** The node the (first) loss reads on its input port: what the ONNX model returns by default. */
function lossInput(session: Session): string {
  const loss = session.plan.losses[0].node;
  return session.plan.edges.find((e) => e.target === loss && e.targetPort === 'input')?.source ?? '';
}

/** The model's one input, named as the exporter named it. */
async function onlyInputName(bytes: Uint8Array): Promise<string> {
  const s = await ort.InferenceSession.create(bytes);
  try {
    expect(s.inputNames).toHaveLength(1);
    return s.inputNames[0];
  } finally {
    await s.release();
  }
}
