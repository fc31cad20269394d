// The generated WGSL, pinned: a change to codegen, fusion or an op's kernel shows up here as a reviewable diff.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { loadGraph } from '../../engine/graph/load';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import { prepare } from '../../engine/train/prepare';
import { createSampler } from '../../engine/train/sampler';
import { buildStages, chooseMode, wgslOf } from '../../engine/webgpu/program';

async function stagesOf(file: string) {
  const doc = loadGraph(readFileSync(new URL(`../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!doc.ok) throw new Error(JSON.stringify(doc.errors));
  const p = await prepare(doc.value, nodeDatasetReader);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  const { plan, config, data } = p.value;
  const sampler = createSampler(data.train.n, config);
  return { plan, lists: buildStages(plan, { batch: plan.batch, data: data.train, optimizer: config.optimizer, chunk: 256, stepsPerEpoch: sampler.stepsPerEpoch }) };
}

test('XOR MLP: one kernel runs whole steps (tanh fused into the hidden Linear, sigmoid into the output)', async () => {
  const { plan, lists } = await stagesOf('xor-mlp.json');
  expect(chooseMode(lists.train, plan.batch)).toBe('single');
  await expect(wgslOf(lists.train, 'single')).toMatchFileSnapshot('__snapshots__/xor-mlp.train.single.wgsl');
});

test('XOR MLP: the same step as one dispatch per stage', async () => {
  const { lists } = await stagesOf('xor-mlp.json');
  await expect(wgslOf(lists.train, 'dispatch')).toMatchFileSnapshot('__snapshots__/xor-mlp.train.dispatch.wgsl');
});

test('iris MLP evaluation (CrossEntropyLoss)', async () => {
  const { lists } = await stagesOf('iris-mlp.json');
  await expect(wgslOf(lists.evaluate, 'dispatch')).toMatchFileSnapshot('__snapshots__/iris-mlp.evaluate.dispatch.wgsl');
});
