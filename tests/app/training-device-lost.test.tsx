// A WebGPU device lost mid-run (device.destroy(), real Dawn on SwiftShader): the worker's loop continues on the CPU
// with the same weights, step count (so the same minibatches) and optimiser state, and says so.
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
          cpuStart = await cpu.getParams();
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

  test('with SGD + momentum, the CPU continues the step count, the minibatch sequence and the momentum: the losses are an uninterrupted run\'s', async () => {
    const g = await requestNodeDevice();
    if (!g) throw new Error(noAdapterMessage());
    const device = g.device;
    // Minibatches of 2 of XOR's 4 shuffled rows: 13 steps end mid-epoch, so a sampler restarted at step 0 takes other rows.
    const doc = example('xor-mlp');
    doc.training = { ...doc.training!, batchSize: 2, shuffle: true, optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 } };
    const ref = await createSession(doc, { read: diskReader, backend: 'cpu', keep: 'all' });
    if (!ref.ok) throw new Error(JSON.stringify(ref.errors));
    await ref.value.train(33);
    const want = Array.from(await ref.value.losses(0));
    ref.value.dispose();

    const got: FromWorker[] = [];
    let session: ReturnType<typeof opened> | null = null;
    const trainer = new Trainer(
      async (d) => {
        const r = await createSession(d, { read: diskReader, backend: 'cpu', keep: 'all' });
        if (!r.ok) return { ok: false, issues: r.errors };
        const s = r.value;
        s.useExecutor(await createWebGpuExecutor(s.plan, { train: s.data.train, config: s.config, device }));
        session = opened(s);
        return { ok: true, session };
      },
      (m) => got.push(m),
    );
    await trainer.handle({ type: 'load', doc, backend: 'webgpu' });
    await trainer.handle({ type: 'step', n: 13 });
    expect(trainer.steps).toBe(13);
    device.destroy();
    await trainer.handle({ type: 'step', n: 1 });
    const switched = got.findIndex((m) => m.type === 'backend');
    expect(got[switched]).toMatchObject({ backend: 'cpu', note: expect.stringMatching(/lost at step 13 /) });
    await trainer.handle({ type: 'step', n: 20 });
    expect(trainer.steps).toBe(33);
    const cpu = session!.executor;
    expect(cpu.backend).toBe('cpu');
    // The executor itself counts on from 13 (its step drives the sampler), not from 0 plus an offset.
    expect(cpu.steps).toBe(33);
    expect((await cpu.snapshot()).step).toBe(33);

    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-3);
    const tail = Array.from(await cpu.losses(13));
    expect(tail.length).toBe(20);
    expect(tail.map((v, i) => ({ step: 13 + i, off: rel(v, want[13 + i]) })).filter((e) => e.off > 1e-4)).toEqual([]);
    // The loss chart after the switch: one point per CPU step, labelled 13..32, with those same losses.
    const points = got.slice(switched).flatMap((m) => (m.type === 'progress' ? Array.from({ length: m.losses.length / 2 }, (_, k) => [m.losses[2 * k], m.losses[2 * k + 1]]) : []));
    expect(points.map(([step]) => step)).toEqual(Array.from({ length: 20 }, (_, k) => 13 + k));
    expect(points.filter(([step, loss]) => rel(loss, want[step]) > 1e-4)).toEqual([]);
  }, 120_000);
});
