import { describe, expect, test } from 'vitest';
import { createSampler } from '../../engine/train/sampler';
import { createRestartableRng, createRng, seedHash, streamHash, streamHashInt } from '../../engine/rng';

describe('minibatch sampler', () => {
  test('each epoch visits every row once, in an order fixed by the seed and the epoch', () => {
    const s = createSampler(10, { batchSize: 3, shuffle: true, seed: 5 });
    const e0 = s.epochOrder(0), e1 = s.epochOrder(1);
    expect([...e0].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...e1].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(e0).not.toEqual(e1);
    expect(createSampler(10, { batchSize: 3, shuffle: true, seed: 5 }).epochOrder(1)).toEqual(e1);
    expect(createSampler(10, { batchSize: 3, shuffle: true, seed: 6 }).epochOrder(1)).not.toEqual(e1);
  });

  test('the order is a Fisher-Yates shuffle from createRng(seed, "shuffle", epoch)', () => {
    const rng = createRng(5, 'shuffle', '3');
    const order = [0, 1, 2, 3, 4, 5];
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    expect([...createSampler(6, { batchSize: 2, shuffle: true, seed: 5 }).epochOrder(3)]).toEqual(order);
  });

  test('without shuffle the order is the file order', () => {
    expect([...createSampler(4, { batchSize: 4, shuffle: false, seed: 1 }).epochOrder(7)]).toEqual([0, 1, 2, 3]);
  });

  test('steps take the next batchSize rows; the last batch of an epoch may be smaller (drop_last=False)', () => {
    const s = createSampler(7, { batchSize: 3, shuffle: true, seed: 1 });
    expect(s.stepsPerEpoch).toBe(3);
    expect(s.lastRows).toBe(1);
    expect([0, 1, 2, 3].map((k) => s.batchOf(k))).toEqual([
      { epoch: 0, start: 0, rows: 3 }, { epoch: 0, start: 3, rows: 3 }, { epoch: 0, start: 6, rows: 1 }, { epoch: 1, start: 0, rows: 3 },
    ]);
  });

  test('a batch size beyond the data is the whole data', () => {
    const s = createSampler(4, { batchSize: 100, shuffle: false, seed: 1 });
    expect(s.batchOf(5)).toEqual({ epoch: 5, start: 0, rows: 4 });
  });

  test('a restarted Rng continues exactly as a fresh createRng on that stream', () => {
    const r = createRestartableRng(seedHash(1));
    r.next();
    r.normal();
    r.restart(streamHash(streamHash(seedHash(9), 'shuffle'), '4'));
    const fresh = createRng(9, 'shuffle', '4');
    for (let i = 0; i < 5; i++) expect(r.next()).toBe(fresh.next());
    expect(r.normal()).toBe(fresh.normal());
  });

  test('streamHashInt(h, n) is streamHash(h, String(n)), and restartInt restarts on that stream', () => {
    const h = streamHash(seedHash(3), 'shuffle');
    for (const n of [0, 1, 9, 10, 11, 99, 100, 12345, 1000000, 2147483647, 4294967296]) {
      expect(streamHashInt(h, n)).toBe(streamHash(h, String(n)));
    }
    const r = createRestartableRng(0);
    r.restartInt(h, 77);
    const fresh = createRng(3, 'shuffle', '77');
    for (let i = 0; i < 5; i++) expect(r.int(1000)).toBe(fresh.int(1000));
  });
});
