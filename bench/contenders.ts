// Each contender trains the same network on the same rows: wiregrad through its executors, TF.js through
// tf.variable weights and tf.train.sgd. Free of Node APIs: the Chromium page runs this file too.
import type * as TF from '@tensorflow/tfjs';
import type { DataRows, Executor } from '../engine/executor';
import type { DatasetFileReader } from '../engine/train/data/types';
import { prepare } from '../engine/train/prepare';
import type { Plan } from '../engine/compile/plan';
import type { TrainConfig } from '../engine/executor';
import { graphOf, type NetSpec } from './nets';
import { stepsPerSecond } from './timing';

export interface Prepared {
  plan: Plan;
  train: DataRows;
  config: TrainConfig;
}

export async function prepareNet(spec: NetSpec, read: DatasetFileReader): Promise<Prepared> {
  // Unwatched training: the compiler drops work only the view needs and reuses buffers.
  const p = await prepare(graphOf(spec), read, 'params');
  if (!p.ok) throw new Error(`${spec.title}: ${p.errors.map((e) => e.message).join('; ')}`);
  return { plan: p.value.plan, train: p.value.data.train, config: p.value.config };
}

export async function timeWiregrad(ex: Executor): Promise<number> {
  try {
    return await stepsPerSecond(async (n) => {
      const r = await ex.train(n);
      if (r.nonFinite) throw new Error(`non-finite at step ${r.nonFinite.step}`);
    });
  } finally {
    ex.dispose();
  }
}

export async function timeTf(tf: typeof TF, spec: NetSpec, rows: DataRows): Promise<number> {
  const { layers, batch } = spec;
  const classes = layers[layers.length - 1];
  const x = tf.tensor2d(rows.x, [rows.n, rows.xFeatures]);
  const y = spec.loss === 'cross-entropy' ? tf.oneHot(tf.tensor1d(Array.from(rows.y), 'int32'), classes).toFloat() : tf.tensor2d(rows.y, [rows.n, 1]);
  const vars: TF.Variable[] = [];
  const ws = layers.slice(1).map((out, k) => {
    const bound = 1 / Math.sqrt(layers[k]);
    const w = tf.variable(tf.randomUniform([layers[k], out], -bound, bound));
    const b = tf.variable(tf.randomUniform([out], -bound, bound));
    vars.push(w, b);
    return { w, b };
  });
  const opt = tf.train.sgd(0.1);
  const steps = Math.ceil(rows.n / batch);
  let step = 0;
  const one = () => {
    const start = (step++ % steps) * batch;
    const size = Math.min(batch, rows.n - start);
    opt.minimize(() => {
      let h: TF.Tensor2D = x.slice([start, 0], [size, -1]);
      ws.forEach(({ w, b }, k) => {
        h = tf.add(tf.matMul(h, w), b);
        if (k < ws.length - 1) h = tf.relu(h);
      });
      const t = y.slice([start, 0], [size, -1]);
      return (spec.loss === 'cross-entropy' ? tf.losses.softmaxCrossEntropy(t, h) : tf.losses.sigmoidCrossEntropy(t, h)) as TF.Scalar;
    }, false, vars);
  };
  try {
    return await stepsPerSecond(async (n) => {
      for (let i = 0; i < n; i++) one();
      // Wait for the device to finish, as wiregrad's train() does.
      await vars[0].data();
    });
  } finally {
    tf.dispose([x, y, ...vars]);
    opt.dispose();
  }
}
