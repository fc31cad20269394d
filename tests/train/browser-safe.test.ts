import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every module a file reaches through static and dynamic imports (relative ones followed; packages listed). */
function importGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [], packages = new Set<string>(), seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(file);
    const src = readFileSync(file, 'utf8');
    // `typeof import('./x')` is a type, erased when compiled: not an import at run time.
    for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?<!typeof\s+)import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const found = [base, `${base}.ts`, `${base}/index.ts`].find((p) => existsSync(p) && p.endsWith('.ts'));
      if (found) visit(found);
    }
  };
  visit(resolve(ROOT, entry));
  return { files, packages };
}

describe('the training session runs in a browser worker', () => {
  it('reaches no Node API and none of the command line through its imports', () => {
    const { files, packages } = importGraph('engine/train/session.ts');
    expect([...packages].filter((p) => p.startsWith('node:') || ['fs', 'path', 'url', 'os', 'child_process'].includes(p))).toEqual([]);
    expect(files.filter((f) => f.includes('/engine/cli'))).toEqual([]);
    expect(files.length).toBeGreaterThan(10);
  });
});
