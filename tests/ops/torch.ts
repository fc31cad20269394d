// Runs a Python reference with Debian's PyTorch (/usr/bin/python3; the pyenv python3 on PATH has no torch):
// one subprocess per call, every case batched as JSON on stdin, results as JSON on stdout.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const TORCH_PYTHON = '/usr/bin/python3';

const MISSING =
  `PyTorch reference tests need ${TORCH_PYTHON} with torch (Debian's python3-torch). ` +
  'Install it with `node scripts/ensure-deps.mjs --system` (as root).';

export function runTorch<T>(scriptPath: string, payload: unknown): T {
  if (!existsSync(TORCH_PYTHON)) throw new Error(`${MISSING} (${TORCH_PYTHON} not found)`);
  const r = spawnSync(TORCH_PYTHON, [scriptPath], {
    input: JSON.stringify(payload),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw new Error(`${MISSING} (${r.error.message})`);
  if (r.status !== 0) {
    if (/No module named .?torch/.test(r.stderr)) throw new Error(MISSING);
    throw new Error(`${scriptPath} failed with exit ${r.status}:\n${r.stderr}`);
  }
  return JSON.parse(r.stdout) as T;
}
