// Finding a WebGPU device wherever the engine runs: the browser's (or worker's) navigator.gpu, else Dawn in Node
// (engine/webgpu/node-gpu.ts, loaded only in Node so browser bundles never see it).

export interface AcquiredDevice {
  device: GPUDevice;
  /** adapter.info.architecture, e.g. 'swiftshader'. */
  architecture: string;
}

export type Acquired = { ok: true; value: AcquiredDevice } | { ok: false; errors: string };

async function fromGpu(gpu: GPU): Promise<Acquired> {
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { ok: false, errors: 'WebGPU is present but offers no adapter on this machine' };
  const device = await adapter.requestDevice({
    requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize },
  });
  return { ok: true, value: { device, architecture: adapter.info.architecture } };
}

export async function acquireDevice(): Promise<Acquired> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (gpu) return fromGpu(gpu);
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!proc?.versions?.node) return { ok: false, errors: 'this browser has no WebGPU (navigator.gpu is missing)' };
  // A computed specifier keeps bundlers from pulling Dawn into browser builds.
  const spec = './node-' + 'gpu';
  const node = (await import(/* @vite-ignore */ spec)) as typeof import('./node-gpu');
  const d = await node.requestNodeDevice();
  return d ? { ok: true, value: { device: d.device, architecture: d.architecture } } : { ok: false, errors: node.noAdapterMessage() };
}
