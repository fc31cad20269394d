// The Float32 CPU executor in headless Chromium (Debian's), in the page and in a module worker as the editor runs it:
// the WebAssembly SIMD kernel loads from the bundled bytes (no fetch), runs every product, and trains to exactly the
// losses Node gets from the same kernel.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../support/chromium';
import { trainOnce, type CpuRun } from './browser/train-once';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let out = '';
let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'wiregrad-cpu-page-'));
  await build({
    configFile: false,
    logLevel: 'error',
    root: ROOT,
    build: {
      outDir: out, emptyOutDir: true, minify: false, target: 'es2022',
      lib: { entry: join(ROOT, 'tests/cpu/browser/entry.ts'), formats: ['es'], fileName: () => 'entry.js' },
    },
  });
  server = createServer((req, res) => {
    if (req.url === '/entry.js') {
      res.setHeader('content-type', 'text/javascript');
      res.end(readFileSync(join(out, 'entry.js')));
      return;
    }
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><html><body><script type="module" src="/entry.js"></script></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
  await page.waitForFunction(() => 'wiregradCpu' in globalThis, null, { timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

function expectSameRun(got: CpuRun, node: CpuRun): void {
  expect(got.simd).toBe(true);
  // Two Linear layers, forward, dx and dW each, 50 steps.
  expect(got.calls).toBe(50 * 5);
  expect(got.losses).toEqual(node.losses);
}

test('in the page: the SIMD kernel runs every product and the losses are Node\'s', async () => {
  const node = await trainOnce();
  expect(node.calls).toBe(50 * 5);
  const got = await page.evaluate(() => (globalThis as unknown as { wiregradCpu: { trainOnce: () => Promise<CpuRun> } }).wiregradCpu.trainOnce());
  expectSameRun(got, node);
});

test('in a module worker (where the editor trains): the same', async () => {
  const node = await trainOnce();
  const got = await page.evaluate(
    () =>
      new Promise<CpuRun>((resolve, reject) => {
        const w = new Worker('/entry.js', { type: 'module' });
        w.onmessage = (e: MessageEvent<CpuRun & { error?: string }>) => (e.data.error ? reject(new Error(e.data.error)) : resolve(e.data));
        w.onerror = (e) => reject(new Error(e.message));
        w.postMessage('train');
      }),
  );
  expectSameRun(got, node);
});
