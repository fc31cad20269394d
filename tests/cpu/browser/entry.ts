// The CPU executor in the browser: trainOnce() in the page (globalThis.wiregradCpu) and, when loaded as a module
// worker (where the editor trains), once per message. Built by tests/cpu/chromium.test.ts.
import { trainOnce } from './train-once';

const scope = globalThis as unknown as { wiregradCpu?: { trainOnce: typeof trainOnce }; document?: unknown };
if (scope.document === undefined) {
  addEventListener('message', () => {
    trainOnce().then((r) => postMessage(r), (e: unknown) => postMessage({ error: String(e) }));
  });
} else {
  scope.wiregradCpu = { trainOnce };
}
