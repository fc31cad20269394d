// Builds bench/browser-entry.ts with vite, serves it (and public/datasets) on 127.0.0.1, and runs it in Debian's
// headless Chromium with WebGPU on.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { PageResult } from './browser-entry';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ARGS = ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function runInChromium(): Promise<PageResult> {
  const out = mkdtempSync(join(tmpdir(), 'wiregrad-bench-'));
  await build({
    configFile: false,
    logLevel: 'error',
    root: ROOT,
    build: { outDir: out, emptyOutDir: true, minify: false, target: 'es2022', lib: { entry: join(ROOT, 'bench/browser-entry.ts'), formats: ['es'], fileName: () => 'entry.js' } },
  });
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    try {
      if (url === '/') res.end('<!doctype html><html><body><script type="module" src="/entry.js"></script></body></html>');
      else if (url === '/entry.js') {
        res.setHeader('content-type', 'text/javascript');
        res.end(readFileSync(join(out, 'entry.js')));
      } else if (url.startsWith('/datasets/')) res.end(readFileSync(join(ROOT, 'public', normalize(url).replace(/^(\.\.[/\\])+/, ''))));
      else {
        res.statusCode = 404;
        res.end();
      }
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    await page.waitForFunction(() => 'wiregradBench' in globalThis, null, { timeout: 60_000 });
    const json = await page.evaluate(async () => JSON.stringify(await (globalThis as unknown as { wiregradBench: () => Promise<unknown> }).wiregradBench()));
    return JSON.parse(json) as PageResult;
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
