// WebGPU in Node through Dawn (the `webgpu` npm package). Finds a usable Vulkan driver itself, so users set no
// environment variables: without a GPU, Debian chromium's SwiftShader ICD (Debian's own lavapipe is too old for Dawn).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, globals } from 'webgpu';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let gpu: GPU | null = null;

/** The process's GPU entry point (created once: Dawn reads the environment when it starts). */
export function nodeGpu(): GPU {
  if (gpu) return gpu;
  if (process.env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  if (process.env.XDG_RUNTIME_DIR === undefined) {
    process.env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'wiregrad-xdg-'));
  }
  // GPUBufferUsage and friends are globals in a browser; Dawn hands them over as `globals`.
  Object.assign(globalThis, globals);
  gpu = create([]);
  return gpu;
}

export interface NodeDevice {
  adapter: GPUAdapter;
  device: GPUDevice;
  /** e.g. 'swiftshader' on a machine without a GPU. */
  architecture: string;
}

/** An adapter and a device, or null when this machine has no usable WebGPU adapter. */
export async function requestNodeDevice(): Promise<NodeDevice | null> {
  const adapter = await nodeGpu().requestAdapter();
  if (!adapter) return null;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  return { adapter, device, architecture: adapter.info.architecture };
}

/** Why there is no adapter, in words a user can act on. */
export function noAdapterMessage(): string {
  const icd = process.env.VK_ICD_FILENAMES;
  return (
    'No WebGPU adapter found (Dawn in Node). ' +
    (icd
      ? `The Vulkan driver at VK_ICD_FILENAMES=${icd} did not offer one.`
      : `No Vulkan driver was found: install Debian's chromium (it ships SwiftShader at ${SWIFTSHADER_ICD}) and libvulkan1, ` +
        'e.g. `node scripts/ensure-deps.mjs --system` as root.')
  );
}
