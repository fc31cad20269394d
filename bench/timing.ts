// Steps per second of a training function, measured the same way for every contender: a warm-up (compiles,
// caches), then doubling runs until one takes at least `minMs`.

export async function stepsPerSecond(train: (n: number) => Promise<void>, minMs = 1500): Promise<number> {
  await train(5);
  let n = 8;
  for (;;) {
    const t0 = performance.now();
    await train(n);
    const ms = performance.now() - t0;
    if (ms >= minMs || n >= 1 << 20) return (n / ms) * 1000;
    n = Math.min(n * Math.max(2, Math.ceil(minMs / Math.max(ms, 1))), 1 << 20);
  }
}
