// Python literals for float32 tensors: the shortest decimal that reads back as the same float32, so the script holds
// exactly the values wiregrad uses. Large tensors go as base64 of little-endian float32 bytes (exact and compact).
import type { NestedNumbers } from '../graph/types';

/** Tensors with more elements than this are embedded as base64 bytes instead of nested lists. */
export const INLINE_LIMIT = 4096;

/** The shortest decimal whose float32 rounding is `Math.fround(v)`. */
export function float32Literal(v: number): string {
  const f = Math.fround(v);
  if (Number.isNaN(f)) return 'float("nan")';
  if (f === Infinity) return 'float("inf")';
  if (f === -Infinity) return '-float("inf")';
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) return pyNumber(candidate);
  }
  return pyNumber(f);
}

/** JavaScript's number text is valid Python except for the exponent's '+' (kept: Python accepts it). */
function pyNumber(n: number): string {
  return String(n);
}

export function intListLiteral(values: ArrayLike<number>): string {
  return `[${Array.from(values, (v) => String(v)).join(', ')}]`;
}

/** Nested Python list of `values` (row-major) in `shape`; rank 0 is a bare number. */
export function nestedLiteral(values: ArrayLike<number>, shape: readonly number[], fmt = float32Literal): string {
  if (shape.length === 0) return fmt(values[0]);
  const rec = (dim: number, offset: number): string => {
    const n = shape[dim];
    if (dim === shape.length - 1) {
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(fmt(values[offset + i]));
      return `[${parts.join(', ')}]`;
    }
    let stride = 1;
    for (let d = dim + 1; d < shape.length; d++) stride *= shape[d];
    const rows: string[] = [];
    for (let i = 0; i < n; i++) rows.push(rec(dim + 1, offset + i * stride));
    return `[${rows.join(', ')}]`;
  };
  return rec(0, 0);
}

/** Flattens a nested number array (row-major) with its shape; refuses ragged arrays by returning null. */
export function flattenNested(value: NestedNumbers): { values: number[]; shape: number[] } | null {
  if (typeof value === 'number') return { values: [value], shape: [] };
  if (value.length === 0) return { values: [], shape: [0] };
  const parts = value.map(flattenNested);
  const first = parts[0];
  if (!first) return null;
  const values: number[] = [];
  for (const p of parts) {
    if (!p || p.shape.join(',') !== first.shape.join(',')) return null;
    values.push(...p.values);
  }
  return { values, shape: [value.length, ...first.shape] };
}

/** Base64 of the values as little-endian float32 bytes (no Node APIs: runs in the browser too). */
export function float32Base64(values: ArrayLike<number>): string {
  const f32 = Float32Array.from(values);
  const bytes = new Uint8Array(f32.buffer);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    // Big-endian host: swap each float's bytes so the script always reads little-endian.
    for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  }
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/**
 * A Python expression building a float32 tensor of `shape` from `values`: a readable nested list when small,
 * else base64 bytes decoded by the script's `_f32` helper.
 */
export function tensorLiteral(values: ArrayLike<number>, shape: readonly number[]): string {
  if (values.length <= INLINE_LIMIT) return `torch.tensor(${nestedLiteral(values, shape)}, dtype=torch.float32)`;
  // Adjacent string literals concatenate in Python, which lets wrapLine break the bytes over lines.
  const chunks = float32Base64(values).match(/.{1,96}/g) ?? [''];
  return `_f32(${chunks.map((c) => `"${c}"`).join(' ')}, ${intListLiteral(shape)})`;
}

/** Python source of the `_f32` helper `tensorLiteral` relies on for large tensors. */
export const F32_HELPER = `def _f32(b64, shape):
    """A float32 tensor from base64 little-endian bytes: exactly the values wiregrad uses."""
    return torch.frombuffer(bytearray(base64.b64decode(b64)), dtype=torch.float32).reshape(shape)`;

/**
 * Breaks a generated Python line longer than `width` after a comma or between adjacent string literals (outside
 * strings), continuing 4 spaces deeper. Only for lines the exporter builds (no escaped quotes, no '#' in strings).
 */
export function wrapLine(line: string, width = 110): string {
  if (line.length <= width) return line;
  const cont = `${/^ */.exec(line)?.[0] ?? ''}    `;
  const pieces: string[] = [];
  let inString = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inString = !inString;
    else if (ch === '#' && !inString) break;
    else if (ch === ' ' && !inString && (line[i - 1] === ',' || line[i - 1] === '"')) {
      pieces.push(line.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(line.slice(start));
  const lines: string[] = [];
  let current = pieces[0];
  for (const piece of pieces.slice(1)) {
    if (current.length + 1 + piece.length > width) {
      lines.push(current);
      current = cont + piece;
    } else {
      current += ` ${piece}`;
    }
  }
  lines.push(current);
  return lines.join('\n');
}
