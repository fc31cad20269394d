#!/usr/bin/env node
// Installs what `npm start` / `npm test` need on a fresh machine, and nothing when it is already there.
//   node scripts/ensure-deps.mjs            npm packages (from package-lock.json)
//   node scripts/ensure-deps.mjs --system   also the Debian packages the tests use:
//       chromium (headless browser + SwiftShader Vulkan driver), libvulkan1 (Vulkan loader for Dawn),
//       python3-torch (the oracle for export tests).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.wiregrad-lock-hash');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    console.error(`wiregrad: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}).`);
    process.exit(1);
  }
}

function ensureNpm() {
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  const have = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  if (have === want) return;
  console.log('wiregrad: installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, want + '\n');
}

const SYSTEM = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') && existsSync('/usr/lib/chromium/vk_swiftshader_icd.json') },
  { pkg: 'libvulkan1', present: () => ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1'].some(existsSync) },
  { pkg: 'python3-torch', present: () => spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0 },
];

function ensureSystem() {
  const missing = SYSTEM.filter((s) => !s.present()).map((s) => s.pkg);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('which', ['apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(
      `wiregrad: the tests need the Debian packages ${missing.join(', ')}.\n` +
        `Install them as root: apt-get update && apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`wiregrad: installing Debian packages: ${missing.join(', ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
  const still = SYSTEM.filter((s) => !s.present()).map((s) => s.pkg);
  if (still.length) {
    console.error(`wiregrad: installed, yet still missing: ${still.join(', ')}`);
    process.exit(1);
  }
}

ensureNpm();
if (process.argv.includes('--system')) ensureSystem();
