// Deterministic randomness from the training seed (initialisation, shuffling, generated data).
// sfc32 seeded through splitmix32: fast, good statistics, identical in Node and the browser.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a string, for deriving independent streams (`seed`, node id, param name). */
export function hashString(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** createRng's stream hash, one stream at a time: streamHash(streamHash(seedHash(s), a), b) is (s, a, b). */
export function seedHash(seed: number): number {
  return hashString(String(seed));
}
export function streamHash(h: number, stream: string): number {
  return hashString('\u0000' + stream, h);
}

/** An Rng that can be restarted on another stream without allocating (hot loops: the per-epoch shuffle). */
export interface RestartableRng extends Rng {
  /** Continue as createRng would for the stream with this hash (from seedHash/streamHash). */
  restart(h: number): void;
}

export function createRestartableRng(h: number): RestartableRng {
  let a = 0, b = 0, c = 0, d = 0;
  let spare: number | null = null;
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  const restart = (hash: number): void => {
    const mix = splitmix32(hash);
    a = mix();
    b = mix();
    c = mix();
    d = mix();
    spare = null;
    for (let i = 0; i < 12; i++) nextU32();
  };
  restart(h);
  const next = (): number => nextU32() / 4294967296;
  return {
    next,
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      return Math.floor(next() * n);
    },
    restart,
  };
}

export function createRng(seed: number, ...streams: string[]): Rng {
  let h = seedHash(seed);
  for (const s of streams) h = streamHash(h, s);
  return createRestartableRng(h);
}
