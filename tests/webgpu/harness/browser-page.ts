// Serves the engine to headless Chromium: a vite library build of tests/webgpu/browser/entry.ts, a page that loads
// it, and public/datasets for the shipped data sets, on 127.0.0.1.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../../support/chromium';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface EnginePage {
  page: Page;
  close(): Promise<void>;
}

export async function openEnginePage(): Promise<EnginePage> {
  const out = mkdtempSync(join(tmpdir(), 'wiregrad-gpu-page-'));
  await build({
    configFile: false,
    logLevel: 'error',
    root: ROOT,
    build: {
      outDir: out,
      emptyOutDir: true,
      minify: false,
      target: 'es2022',
      lib: { entry: join(ROOT, 'tests/webgpu/browser/entry.ts'), formats: ['es'], fileName: () => 'entry.js' },
    },
  });
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    try {
      if (url === '/') {
        res.setHeader('content-type', 'text/html');
        res.end('<!doctype html><html><body><script type="module" src="/entry.js"></script></body></html>');
      } else if (url === '/entry.js') {
        res.setHeader('content-type', 'text/javascript');
        res.end(readFileSync(join(out, 'entry.js')));
      } else if (url.startsWith('/datasets/')) {
        res.end(readFileSync(join(ROOT, 'public', normalize(url).replace(/^(\.\.[/\\])+/, ''))));
      } else {
        res.statusCode = 404;
        res.end();
      }
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  const browser: Browser = await launchChromium();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'wiregradGpu' in globalThis, null, { timeout: 30_000 }).catch(() => {
    throw new Error(`the engine did not load in Chromium: ${errors.join('; ') || 'no page error'}`);
  });
  return {
    page,
    async close() {
      await browser.close();
      server.close();
      rmSync(out, { recursive: true, force: true });
    },
  };
}
