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

const GOLDEN = 0x9e3779b9;

/** splitmix32's output for the state held in out[i], written back to out[i] (no number crosses a call: no boxing). */
function mix32InPlace(out: Uint32Array, i: number): void {
  let z = out[i];
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  out[i] = z ^ (z >>> 16);
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
  return hashString(stream, hashString('\u0000', h));
}
/** streamHash(h, String(n)) for a whole number n ≥ 0, written to out[i], without building the string. */
function streamHashIntInto(out: Uint32Array, i: number, h: number, n: number): void {
  // FNV-1a of '\u0000' then of n's decimal digits, as hashString would see String(n).
  let x = Math.imul(h ^ 0, 0x01000193) >>> 0;
  let p = 1;
  while (p * 10 <= n) p *= 10;
  for (; p >= 1; p = Math.floor(p / 10)) {
    x ^= 48 + (Math.floor(n / p) % 10);
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  out[i] = x;
}
const scratch = new Uint32Array(1);
export function streamHashInt(h: number, n: number): number {
  streamHashIntInto(scratch, 0, h, n);
  return scratch[0];
}

/** An Rng that can be restarted on another stream without allocating (hot loops: the per-epoch shuffle). */
export interface RestartableRng extends Rng {
  /** Continue as createRng would for the stream with this hash (from seedHash/streamHash). */
  restart(h: number): void;
  /** restart(streamHashInt(h, n)), allocating nothing. */
  restartInt(h: number, n: number): void;
}

export function createRestartableRng(h: number): RestartableRng {
  // sfc32's words a, b, c, d and its last output, in a typed array: numbers beyond the small-integer range kept in
  // closure variables would be boxed on every update, i.e. allocate on every draw.
  const st = new Uint32Array(5);
  let spare: number | null = null;
  const step = (): void => {
    const a = st[0], b = st[1], c = st[2], d = st[3];
    const t = (((a + b) >>> 0) + d) >>> 0;
    st[3] = d + 1;
    st[0] = b ^ (b >>> 9);
    st[1] = c + (c << 3);
    st[2] = ((c << 21) | (c >>> 11)) + t;
    st[4] = t;
  };
  // Seeds from the hash in st[4]: splitmix32's first four outputs, computed in place (no closure per restart).
  const reseed = (): void => {
    const h = st[4];
    st[0] = h + GOLDEN;
    st[1] = h + 2 * GOLDEN;
    st[2] = h + 3 * GOLDEN;
    st[3] = h + 4 * GOLDEN;
    for (let i = 0; i < 4; i++) mix32InPlace(st, i);
    spare = null;
    for (let i = 0; i < 12; i++) step();
  };
  const restart = (hash: number): void => {
    st[4] = hash;
    reseed();
  };
  restart(h);
  const next = (): number => {
    step();
    return st[4] / 4294967296;
  };
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
      step();
      return Math.floor((st[4] / 4294967296) * n);
    },
    restart,
    restartInt(hash: number, n: number) {
      streamHashIntInto(st, 4, hash, n);
      reseed();
    },
  };
}

export function createRng(seed: number, ...streams: string[]): Rng {
  let h = seedHash(seed);
  for (const s of streams) h = streamHash(h, s);
  return createRestartableRng(h);
}
