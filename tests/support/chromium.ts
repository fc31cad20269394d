// Debian's chromium driven by playwright-core, with WebGPU on (SwiftShader when there is no GPU).
// `npx playwright install` cannot download here, and a missing browser is a failure, never a skip.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Debian's chromium is not installed at ${CHROMIUM}. Run \`node scripts/ensure-deps.mjs --system\` as root ` +
        '(or `apt-get install -y chromium`).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}
