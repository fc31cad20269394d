// One suite's editor in headless Chromium: the dev server and the browser start once per describe (call at its top)
// and stop after it; each test opens its own page and collects the page's uncaught errors.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { freePort, startVite } from '../support/editor-server';

export interface EditorPage {
  page: Page;
  context: BrowserContext;
  /** Messages of uncaught errors in the page; a test ends by expecting none. */
  errors: string[];
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Appended to the editor's address, e.g. a share link's `#g=…`. */
  hash?: string;
  /** What shows once the editor is up; the palette by default. */
  ready?: string;
}

export function editorInChromium(): { open: (options?: OpenOptions) => Promise<EditorPage> } {
  let vite: ChildProcess | null = null;
  let browser: Browser | null = null;
  let url = '';

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    vite = await startVite(port);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    vite?.kill('SIGTERM');
  });

  return {
    async open({ viewport = { width: 1280, height: 800 }, hash = '', ready = '.palette-item[data-op="Input"]' } = {}) {
      if (!browser) throw new Error('the editor suite did not start: is editorInChromium() called inside the describe?');
      const context = await browser.newContext({ viewport, acceptDownloads: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url + hash);
      await page.locator(ready).waitFor({ timeout: 60_000 });
      return { page, context, errors };
    },
  };
}
