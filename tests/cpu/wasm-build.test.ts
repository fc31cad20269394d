// The committed WebAssembly bytes are gemm.wat assembled: an edit to the WAT without `npm run build:wasm` fails here.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { GEMM_WASM_BASE64 } from '../../engine/cpu/wasm/gemm-wasm';
import { assemble, MODULE_PATH, moduleSource, WAT_PATH } from '../../scripts/build-wasm';

test('engine/cpu/wasm/gemm-wasm.ts holds gemm.wat as wabt assembles it today', async () => {
  const bytes = await assemble(readFileSync(WAT_PATH, 'utf8'));
  expect(Buffer.from(GEMM_WASM_BASE64, 'base64').equals(Buffer.from(bytes))).toBe(true);
  expect(readFileSync(MODULE_PATH, 'utf8')).toBe(moduleSource(bytes));
});
