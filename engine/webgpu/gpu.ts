// GPU resources for one layout: the arena and state buffers, their bind group, and compiled pipelines for a list
// of stages. Everything here is created once; recording a step only sets pipelines and dispatches.
import { dispatchModule, fuse, singleModule, workgroupsFor } from './codegen';
import type { Layout } from './layout';
import type { Stage } from './stages';

export type RunMode = 'single' | 'dispatch';

export class Arena {
  readonly a: GPUBuffer;
  readonly u: GPUBuffer;
  readonly bindGroup: GPUBindGroup;
  readonly pipelineLayout: GPUPipelineLayout;

  constructor(
    readonly device: GPUDevice,
    readonly layout: Layout,
  ) {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.a = device.createBuffer({ label: 'wiregrad arena', size: align4(layout.total * 4), usage });
    this.u = device.createBuffer({ label: 'wiregrad state', size: align4(layout.uTotal * 4), usage });
    const bgl = device.createBindGroupLayout({
      entries: [0, 1].map((binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' as const } })),
    });
    this.pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [bgl] });
    this.bindGroup = device.createBindGroup({
      layout: bgl,
      entries: [
        { binding: 0, resource: { buffer: this.a } },
        { binding: 1, resource: { buffer: this.u } },
      ],
    });
  }

  writeA(offset: number, data: Float32Array): void {
    if (data.length) this.device.queue.writeBuffer(this.a, offset * 4, data.buffer, data.byteOffset, data.byteLength);
  }

  writeU(offset: number, data: Uint32Array): void {
    if (data.length) this.device.queue.writeBuffer(this.u, offset * 4, data.buffer, data.byteOffset, data.byteLength);
  }

  destroy(): void {
    this.a.destroy();
    this.u.destroy();
  }
}

/** Compiled pipelines for one sequence of stages (a training step, an evaluation, a prediction). */
export class Pipelines {
  readonly code: string;
  readonly stages: Stage[];
  private readonly pipelines: GPUComputePipeline[];
  private readonly groups: [number, number][];

  private constructor(code: string, stages: Stage[], pipelines: GPUComputePipeline[], groups: [number, number][], readonly mode: RunMode) {
    this.code = code;
    this.stages = stages;
    this.pipelines = pipelines;
    this.groups = groups;
  }

  /** `first`: how many leading stages run before the step's rows are known (the begin stage). */
  static async create(arena: Arena, raw: readonly Stage[], mode: RunMode, first: number, label: string): Promise<Pipelines> {
    const device = arena.device;
    const head = raw.slice(0, first);
    const stages = [...head, ...fuse(raw.slice(first))];
    const code = mode === 'single' ? singleModule(stages, first) : dispatchModule(stages);
    if (wgslDebug()) console.error(`// ---- wiregrad WGSL: ${label} (${mode}) ----\n${code}`);
    device.pushErrorScope('validation');
    const module = device.createShaderModule({ label, code });
    const entries = mode === 'single' ? ['main'] : stages.map((_, k) => `e${k}`);
    const pipelines = await Promise.all(
      entries.map((entryPoint) => device.createComputePipelineAsync({ label: `${label} ${entryPoint}`, layout: arena.pipelineLayout, compute: { module, entryPoint } }).catch(async (e: unknown) => {
        throw new Error(await describeFailure(module, label, e));
      })),
    );
    const err = await device.popErrorScope();
    if (err) throw new Error(await describeFailure(module, label, err.message));
    const groups = stages.map((s) => workgroupsFor(s, arena.layout.batch));
    return new Pipelines(code, stages, pipelines, groups, mode);
  }

  /** Record `steps` runs of every stage into `pass` (single mode reads the step count from U[nsteps]). */
  encode(pass: GPUComputePassEncoder, steps: number): void {
    if (this.mode === 'single') {
      pass.setPipeline(this.pipelines[0]);
      pass.dispatchWorkgroups(1);
      return;
    }
    for (let s = 0; s < steps; s++) {
      for (let k = 0; k < this.pipelines.length; k++) {
        pass.setPipeline(this.pipelines[k]);
        pass.dispatchWorkgroups(this.groups[k][0], this.groups[k][1]);
      }
    }
  }

  get dispatchesPerStep(): number {
    return this.mode === 'single' ? 0 : this.pipelines.length;
  }
}

async function describeFailure(module: GPUShaderModule, label: string, e: unknown): Promise<string> {
  const info = await module.getCompilationInfo();
  const msgs = info.messages.filter((m) => m.type === 'error').map((m) => `line ${m.lineNum}: ${m.message}`);
  const what = e instanceof Error ? e.message : String(e);
  return `the generated WebGPU kernel for ${label} did not compile: ${msgs.join('; ') || what} (set WIREGRAD_DEBUG_WGSL=1 to print it)`;
}

/** WIREGRAD_DEBUG_WGSL=1 prints every generated module to stderr (Node); in a browser set globalThis.WIREGRAD_DEBUG_WGSL. */
export function wgslDebug(): boolean {
  const g = globalThis as { WIREGRAD_DEBUG_WGSL?: unknown; process?: { env?: Record<string, string | undefined> } };
  return Boolean(g.WIREGRAD_DEBUG_WGSL) || g.process?.env?.WIREGRAD_DEBUG_WGSL === '1';
}

export function align4(bytes: number): number {
  return Math.max(16, Math.ceil(bytes / 16) * 16);
}
