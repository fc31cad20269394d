// Probes without stalls: after a submit the executor copies the arena's probe region into a free buffer of a small
// ring of staging buffers; the view maps the latest one when it asks (at most once per frame). Training never waits
// for a read: when every staging buffer is still being read, that submit simply takes no probe.
import type { Plan } from '../compile/plan';
import type { NonFinite, ProbeSnapshot, TensorProbe } from '../executor';
import { resolveShape, sizeOf, type Shape } from '../tensor';
import { U, type Layout } from './layout';

/** State words copied after the arena region. */
export const STATE_WORDS = 8;

interface Slot {
  buffer: GPUBuffer;
  busy: boolean;
}

export class StagingRing {
  private readonly slots: Slot[];
  private latest: Slot | null = null;

  constructor(
    device: GPUDevice,
    readonly bytes: number,
    count = 3,
  ) {
    this.slots = Array.from({ length: count }, (_, k) => ({
      buffer: device.createBuffer({ label: `wiregrad probe ${k}`, size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }),
      busy: false,
    }));
  }

  /** A staging buffer to copy into now, or null when all are being read. */
  take(): GPUBuffer | null {
    const slot = this.slots.find((s) => !s.busy && s !== this.latest) ?? this.slots.find((s) => !s.busy);
    if (!slot) return null;
    this.latest = slot;
    return slot.buffer;
  }

  get hasProbe(): boolean {
    return this.latest !== null;
  }

  /** The latest copy's bytes (a private copy: the staging buffer goes straight back to the ring). */
  async read(): Promise<ArrayBuffer | null> {
    const slot = this.latest;
    if (!slot) return null;
    slot.busy = true;
    try {
      await slot.buffer.mapAsync(GPUMapMode.READ);
      const copy = slot.buffer.getMappedRange().slice(0);
      slot.buffer.unmap();
      return copy;
    } finally {
      slot.busy = false;
    }
  }

  destroy(): void {
    for (const s of this.slots) s.buffer.destroy();
  }
}

/** Record a copy of the probe region and the state words into `dst`. */
export function encodeProbeCopy(enc: GPUCommandEncoder, a: GPUBuffer, u: GPUBuffer, layout: Layout, dst: GPUBuffer): void {
  enc.copyBufferToBuffer(a, 0, dst, 0, layout.probeEnd * 4);
  enc.copyBufferToBuffer(u, 0, dst, layout.probeEnd * 4, STATE_WORDS * 4);
}

export function probeBytes(layout: Layout): number {
  return (layout.probeEnd + STATE_WORDS) * 4;
}

export interface DecodedProbe {
  arena: Float32Array;
  state: Uint32Array;
}

export function decodeProbe(bytes: ArrayBuffer, layout: Layout): DecodedProbe {
  return { arena: new Float32Array(bytes, 0, layout.probeEnd), state: new Uint32Array(bytes, layout.probeEnd * 4, STATE_WORDS) };
}

function view(p: DecodedProbe, layout: Layout, id: number, shape: readonly number[]): Float32Array {
  const off = layout.offset[id];
  return p.arena.slice(off, off + sizeOf(shape));
}

/** The same snapshot the CPU executor takes: every edge (keep 'all' plans) and every param, value and gradient. */
export function snapshotOf(plan: Plan, layout: Layout, p: DecodedProbe, rows: number, step: number, loss: number): ProbeSnapshot {
  const edges: Record<string, TensorProbe> = {};
  const params: Record<string, TensorProbe> = {};
  if (plan.keep === 'all') {
    for (const e of plan.edges) {
      const shape = resolveShape(e.shape, rows);
      edges[e.id] = { shape, value: view(p, layout, e.value, shape), grad: e.grad === null ? null : view(p, layout, e.grad, shape) };
    }
  }
  for (const q of plan.params) {
    params[q.key] = { shape: [...q.shape], value: view(p, layout, q.value, q.shape), grad: q.grad === null ? null : view(p, layout, q.grad, q.shape) };
  }
  return { step, rows, loss, edges, params };
}

/** Rows of the step the probe holds. */
export function probeRows(p: DecodedProbe): number {
  return p.state[U.rows];
}

function finite(p: DecodedProbe, layout: Layout, id: number, shape: Shape, rows: number): boolean {
  const off = layout.offset[id], n = sizeOf(resolveShape(shape, rows));
  for (let i = 0; i < n; i++) if (!Number.isFinite(p.arena[off + i])) return false;
  return true;
}

/**
 * Names the first non-finite edge value in forward order, then the first non-finite edge gradient in backward
 * order, as the CPU executor does, from one probe of the failed step (its weights were never updated).
 */
export function locateNonFinite(plan: Plan, layout: Layout, p: DecodedProbe, step: number): NonFinite {
  const rows = probeRows(p);
  const firstEdgeOf = (node: string): string => plan.edges.find((e) => e.source === node)?.id ?? node;
  if (plan.keep === 'all') {
    for (const s of plan.sources) {
      const n = plan.nodes.find((x) => x.id === s.node);
      if (n && !finite(p, layout, s.out, n.outShape, rows)) return { step, edge: firstEdgeOf(s.node), which: 'value' };
    }
    for (const f of plan.forward) {
      if (!finite(p, layout, f.out, f.outShape, rows)) return { step, edge: firstEdgeOf(f.node), which: 'value' };
    }
    for (const b of plan.backward) {
      if (b.kind !== 'backward') continue;
      for (let k = 0; k < b.gradInputs.length; k++) {
        const g = b.gradInputs[k];
        if (g === null || finite(p, layout, g, b.inShapes[k], rows)) continue;
        const e = plan.edges.find((x) => x.grad === g && x.target === b.node);
        return { step, edge: e?.id ?? b.node, which: 'grad' };
      }
      for (const q of plan.params) {
        if (q.node === b.node && q.grad !== null && !finite(p, layout, q.grad, q.shape, rows)) return { step, edge: q.key, which: 'grad' };
      }
    }
  }
  // Reused buffers ('params' plans) no longer hold every edge: name the objective's first loss.
  return { step, edge: firstEdgeOf(plan.losses[0]?.node ?? ''), which: 'value' };
}
