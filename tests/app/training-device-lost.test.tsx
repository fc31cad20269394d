// A WebGPU device lost mid-run (device.destroy(), real Dawn on SwiftShader): the worker's loop continues on the CPU
// with the same weights and step count, and says so.
import { afterAll, describe, expect, test } from 'vitest';
import { Trainer } from '../../app/training/trainer';
import { opened } from '../../app/training/openSession';
import type { FromWorker } from '../../app/training/protocol';
import { createSession } from '../../engine/train/session';
import { createWebGpuExecutor } from '../../engine/webgpu/executor';
import { noAdapterMessage, requestNodeDevice, type NodeDevice } from '../../engine/webgpu/node-gpu';
import { diskReader, example } from './training-helpers';

let gpu: NodeDevice | null = null;
afterAll(() => gpu?.device.destroy());

describe('device lost', () => {
  test('training continues on the CPU from the last weights and step count', async () => {
    gpu = await requestNodeDevice();
    if (!gpu) throw new Error(noAdapterMessage());
    expect(gpu.architecture).toBe('swiftshader');
    const device = gpu.device;
    const got: FromWorker[] = [];
    const trainer = new Trainer(
      async (doc) => {
        const r = await createSession(doc, { read: diskReader, backend: 'cpu', keep: 'all' });
        if (!r.ok) return { ok: false, issues: r.errors };
        const s = r.value;
        s.useExecutor(await createWebGpuExecutor(s.plan, { train: s.data.train, config: s.config, device }));
        return { ok: true, session: opened(s) };
      },
      (m) => got.push(m),
    );
    await trainer.handle({ type: 'load', doc: example('xor-mlp'), backend: 'webgpu' });
    expect(got.find((m) => m.type === 'ready')).toMatchObject({ backend: 'webgpu' });
    await trainer.handle({ type: 'step', n: 40 });
    expect(trainer.steps).toBe(40);
    const before = got.filter((m) => m.type === 'params').at(-1);
    if (before?.type !== 'params') throw new Error('no weights came back after 40 steps');
    expect(before.step).toBe(40);

    device.destroy();
    await trainer.handle({ type: 'step', n: 10 });
    const note = got.find((m) => m.type === 'backend');
    expect(note).toMatchObject({ backend: 'cpu' });
    expect(note?.type === 'backend' && note.note).toMatch(/WebGPU device was lost at step 40.*continues on the CPU with the same weights and step count/);
    // The step that failed on the lost device is not counted; training resumes from step 40 on the CPU.
    await trainer.handle({ type: 'step', n: 10 });
    expect(trainer.steps).toBe(50);
    const after = got.filter((m) => m.type === 'params').at(-1);
    expect(after?.type === 'params' && after.step).toBe(50);
    const progress = got.filter((m) => m.type === 'progress').at(-1);
    expect(progress?.type === 'progress' && progress.step).toBe(50);
  }, 120_000);

  test('the CPU executor that takes over starts from exactly the weights the GPU had', async () => {
    const g = await requestNodeDevice();
    if (!g) throw new Error(noAdapterMessage());
    const device = g.device;
    const got: FromWorker[] = [];
    let cpuStart: Record<string, Float32Array> | null = null;
    const trainer = new Trainer(
      async (doc) => {
        const r = await createSession(doc, { read: diskReader, backend: 'cpu', keep: 'all' });
        if (!r.ok) return { ok: false, issues: r.errors };
        const s = r.value;
        s.useExecutor(await createWebGpuExecutor(s.plan, { train: s.data.train, config: s.config, device }));
        const o = opened(s);
        const make = o.cpuExecutor.bind(o);
        o.cpuExecutor = async () => {
          const cpu = await make();
          const setParams = cpu.setParams.bind(cpu);
          cpu.setParams = async (v) => {
            cpuStart = Object.fromEntries(Object.entries(v).map(([k, a]) => [k, Float32Array.from(a)]));
            return setParams(v);
          };
          return cpu;
        };
        return { ok: true, session: o };
      },
      (m) => got.push(m),
    );
    await trainer.handle({ type: 'load', doc: example('xor-mlp'), backend: 'webgpu' });
    await trainer.handle({ type: 'step', n: 25 });
    const gpuWeights = got.filter((m) => m.type === 'params').at(-1);
    device.destroy();
    await trainer.handle({ type: 'step', n: 1 });
    expect(cpuStart).not.toBeNull();
    if (gpuWeights?.type !== 'params') throw new Error('no weights');
    for (const [k, v] of Object.entries(gpuWeights.params)) expect(Array.from(cpuStart![k])).toEqual(Array.from(v));
  }, 120_000);
});
