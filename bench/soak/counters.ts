// Counting what a long run allocates, from the outside: typed arrays through wrapped global constructors, GPU buffers
// through patched GPUDevice/GPUBuffer prototypes. Nothing in engine/ knows it is being counted.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const TYPED_NAMES = ['Float32Array', 'Float64Array', 'Int32Array', 'Uint32Array', 'Int16Array', 'Uint16Array', 'Int8Array', 'Uint8Array'] as const;
type TypedName = (typeof TYPED_NAMES)[number];
type AnyCtor = new (...args: unknown[]) => ArrayBufferView;

/** One typed array made while `record` was on: which kind, how many elements, and (when asked) the line that made it. */
export interface Creation {
  kind: TypedName;
  length: number;
  site?: string;
}

export interface TypedArrayCounter {
  /** Typed arrays constructed so far (new, .from/.of, and species-made ones: slice, subarray, map, filter). */
  readonly created: number;
  /** Typed arrays not yet garbage collected (exact only after settle()). */
  readonly live: number;
  /** Calls f and returns what it made, one entry per typed array. */
  during<T>(f: () => Promise<T>, sites?: boolean): Promise<{ value: T; made: Creation[] }>;
  /** Full garbage collections until the live count stops changing. */
  settle(): Promise<void>;
  uninstall(): void;
}

let gcFn: (() => void) | null = null;
/** V8's gc(), made available without --expose-gc on the command line (a V8 flag set at run time). */
export function forceGc(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function installTypedArrayCounter(): TypedArrayCounter {
  const g = globalThis as unknown as Record<string, unknown>;
  let created = 0;
  let live = 0;
  let log: Creation[] | null = null;
  let withSites = false;
  const registry = new FinalizationRegistry<null>(() => {
    live--;
  });
  const originals = new Map<TypedName, AnyCtor>();
  for (const kind of TYPED_NAMES) {
    const original = g[kind] as AnyCtor;
    originals.set(kind, original);
    const proxy: AnyCtor = new Proxy(original, {
      construct(target, args, newTarget) {
        const made = newTarget === proxy ? Reflect.construct(target, args) : Reflect.construct(target, args, newTarget);
        created++;
        live++;
        registry.register(made, null);
        if (log) log.push({ kind, length: (made as unknown as ArrayLike<number>).length, site: withSites ? siteOf(new Error().stack) : undefined });
        return made;
      },
    });
    g[kind] = proxy;
    // slice/subarray/map/filter build their result through the species constructor: route it through the proxy too.
    Object.defineProperty(original, Symbol.species, { get: () => proxy, configurable: true });
  }
  return {
    get created() {
      return created;
    },
    get live() {
      return live;
    },
    async during(f, sites = false) {
      const outer = log;
      const mine: Creation[] = [];
      log = mine;
      withSites = sites;
      try {
        return { value: await f(), made: mine };
      } finally {
        log = outer;
        withSites = false;
      }
    },
    async settle() {
      // Finalizers run as tasks some time after a collection: stop once three rounds in a row free nothing.
      let still = 0;
      for (let i = 0; i < 40 && still < 3; i++) {
        const before = live;
        forceGc();
        await pause(5);
        still = live === before ? still + 1 : 0;
      }
    },
    uninstall() {
      for (const [kind, original] of originals) {
        g[kind] = original;
        delete (original as unknown as Record<symbol, unknown>)[Symbol.species];
      }
    },
  };
}

/** The first stack frame outside this file: where a typed array was made. */
function siteOf(stack: string | undefined): string {
  const lines = (stack ?? '').split('\n').slice(1).map((l) => l.trim());
  return lines.find((l) => !l.includes('counters.ts') && !l.includes('<anonymous>')) ?? lines[0] ?? '?';
}

export interface GpuAdapterSeen {
  architecture: string;
  vendor: string;
  description: string;
  isFallbackAdapter: boolean;
}

export interface GpuBufferCounter {
  readonly created: number;
  readonly destroyed: number;
  /** created − destroyed (a device's destroy() is not counted: measure before disposing). */
  readonly live: number;
  /** Live buffers by label ('' for unlabelled ones). */
  liveByLabel(): Record<string, number>;
  /** Every adapter a device was requested from since install. */
  readonly adapters: readonly GpuAdapterSeen[];
  uninstall(): void;
}

/** Needs the WebGPU globals (in Node: call nodeGpu() from engine/webgpu/node-gpu.ts first). */
export function installGpuBufferCounter(): GpuBufferCounter {
  if (typeof GPUDevice === 'undefined' || typeof GPUBuffer === 'undefined' || typeof GPUAdapter === 'undefined') {
    throw new Error('no WebGPU globals (GPUDevice, GPUBuffer, GPUAdapter) to count buffers with: create the GPU entry point first');
  }
  const dev = GPUDevice.prototype;
  const buf = GPUBuffer.prototype;
  const ada = GPUAdapter.prototype;
  const createBuffer = dev.createBuffer;
  const destroy = buf.destroy;
  const requestDevice = ada.requestDevice;
  const labelOf = new WeakMap<GPUBuffer, string>();
  const byLabel = new Map<string, number>();
  const adapters: GpuAdapterSeen[] = [];
  let created = 0;
  let destroyed = 0;
  dev.createBuffer = function (this: GPUDevice, desc: GPUBufferDescriptor): GPUBuffer {
    const b = createBuffer.call(this, desc);
    const label = desc.label ?? '';
    created++;
    labelOf.set(b, label);
    byLabel.set(label, (byLabel.get(label) ?? 0) + 1);
    return b;
  };
  buf.destroy = function (this: GPUBuffer): undefined {
    const label = labelOf.get(this);
    // A second destroy() of the same buffer is legal and frees nothing.
    if (label !== undefined) {
      labelOf.delete(this);
      destroyed++;
      byLabel.set(label, (byLabel.get(label) ?? 0) - 1);
    }
    return destroy.call(this);
  };
  ada.requestDevice = function (this: GPUAdapter, desc?: GPUDeviceDescriptor): Promise<GPUDevice> {
    const i = this.info;
    adapters.push({ architecture: i.architecture, vendor: i.vendor, description: i.description, isFallbackAdapter: i.isFallbackAdapter === true });
    return requestDevice.call(this, desc);
  };
  return {
    get created() {
      return created;
    },
    get destroyed() {
      return destroyed;
    },
    get live() {
      return created - destroyed;
    },
    liveByLabel: () => Object.fromEntries([...byLabel].filter(([, n]) => n !== 0)),
    adapters,
    uninstall() {
      dev.createBuffer = createBuffer;
      buf.destroy = destroy;
      ada.requestDevice = requestDevice;
    },
  };
}

/** A real GPU or SwiftShader (the CI machine's Vulkan), never a missing adapter or an unknown software fallback. */
export function adapterVerdict(seen: readonly GpuAdapterSeen[]): string | null {
  const a = seen[seen.length - 1];
  if (!a) return 'no WebGPU adapter was used: the webgpu backend never requested a device';
  if (a.architecture === 'swiftshader') return null;
  if (a.isFallbackAdapter || /llvmpipe|lavapipe/i.test(`${a.description} ${a.vendor}`)) {
    return `the adapter is neither SwiftShader nor a real GPU: ${JSON.stringify(a)}`;
  }
  return null;
}
