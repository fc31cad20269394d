// How close the GPU must be to the CPU reference: 1e-5 relative per element for probes, 1e-3 for loss curves.
// Relative to each element, but never to less than 10% of its tensor's largest magnitude: float32 sums that cancel
// leave near-zero elements whose relative error says nothing about the kernels.
import type { PlainSnapshot, PlainTensor } from './run';

export const PROBE_RTOL = 1e-5;
export const LOSS_RTOL = 1e-3;

function closeArrays(what: string, gpu: number[], cpu: number[], rtol: number, out: string[]): void {
  if (gpu.length !== cpu.length) {
    out.push(`${what}: ${gpu.length} elements on the GPU, ${cpu.length} on the CPU`);
    return;
  }
  const scale = cpu.reduce((m, v) => Math.max(m, Math.abs(v)), 0) * 0.1;
  for (let i = 0; i < cpu.length; i++) {
    const tol = rtol * Math.max(Math.abs(cpu[i]), scale, 1e-6);
    const same = Object.is(cpu[i], gpu[i]) || cpu[i] === gpu[i];
    if (!same && !(Math.abs(gpu[i] - cpu[i]) <= tol)) {
      out.push(`${what}[${i}]: gpu ${gpu[i]} vs cpu ${cpu[i]} (tolerance ${tol.toExponential(1)})`);
      return;
    }
  }
}

function closeTensors(what: string, gpu: Record<string, PlainTensor>, cpu: Record<string, PlainTensor>, out: string[]): void {
  const keys = Object.keys(cpu);
  if (keys.join() !== Object.keys(gpu).join()) out.push(`${what}: keys differ (${Object.keys(gpu).join()} vs ${keys.join()})`);
  for (const k of keys) {
    const g = gpu[k], c = cpu[k];
    if (!g) continue;
    closeArrays(`${what} ${k} value`, g.value, c.value, PROBE_RTOL, out);
    if ((g.grad === null) !== (c.grad === null)) out.push(`${what} ${k}: gradient ${g.grad ? 'present' : 'missing'} on the GPU`);
    else if (g.grad && c.grad) closeArrays(`${what} ${k} grad`, g.grad, c.grad, PROBE_RTOL, out);
  }
}

/** Mismatches between two snapshots (empty when they agree). */
export function compareSnapshots(label: string, gpu: PlainSnapshot, cpu: PlainSnapshot): string[] {
  const out: string[] = [];
  if (gpu.step !== cpu.step || gpu.rows !== cpu.rows) out.push(`${label}: step/rows ${gpu.step}/${gpu.rows} vs ${cpu.step}/${cpu.rows}`);
  closeArrays(`${label} loss`, [gpu.loss], [cpu.loss], PROBE_RTOL, out);
  closeTensors(`${label} edge`, gpu.edges, cpu.edges, out);
  closeTensors(`${label} param`, gpu.params, cpu.params, out);
  return out;
}

export function compareLosses(label: string, gpu: number[], cpu: number[]): string[] {
  const out: string[] = [];
  if (gpu.length !== cpu.length) return [`${label}: ${gpu.length} losses vs ${cpu.length}`];
  for (let i = 0; i < cpu.length; i++) {
    if (!(Math.abs(gpu[i] - cpu[i]) <= LOSS_RTOL * Math.max(Math.abs(cpu[i]), 1e-3))) {
      out.push(`${label} step ${i}: gpu ${gpu[i]} vs cpu ${cpu[i]}`);
      break;
    }
  }
  return out;
}
