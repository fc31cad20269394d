import { test, expect } from 'vitest';
import { createServer } from 'node:http';
import { launchChromium } from '../support/chromium';
test('headless chromium exposes a real WebGPU adapter (SwiftShader without a GPU)', async () => {
  const srv = createServer((_q, r) => { r.setHeader('content-type','text/html'); r.end('<html><body>hi</body></html>'); });
  await new Promise<void>((res) => srv.listen(0, '127.0.0.1', () => res()));
  const port = (srv.address() as { port: number }).port;
  const b = await launchChromium();
  const p = await b.newPage();
  await p.goto(`http://127.0.0.1:${port}/`);
  const info = await p.evaluate(async () => { if (!navigator.gpu) return 'no navigator.gpu'; const a = await navigator.gpu.requestAdapter(); return a ? `${a.info.vendor}|${a.info.architecture}|${a.info.description}` : 'none'; });
  await b.close(); srv.close();
  expect(info).toContain('swiftshader');
});
