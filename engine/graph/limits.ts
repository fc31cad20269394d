// The graph file's hard limits (docs/graph-format.md, Limits). Checked before anything is allocated from a file.

/** A whole file, in characters of text: refused up front beyond this. */
export const MAX_FILE_CHARS = 50 * 1024 * 1024;
/** Nesting of arrays and objects; the deepest a valid graph needs is ~7 (ui may nest a little more). */
export const MAX_DEPTH = 64;
/** Any string value anywhere, `ui` included. */
export const MAX_STRING = 10_000;
/** Any object key anywhere. */
export const MAX_KEY = 200;
export const MAX_ID = 64;
export const MAX_LABEL = 200;
export const MAX_NAME = 200;
export const MAX_NODES = 10_000;
export const MAX_EDGES = 20_000;
/** Elements in one tensor (a parameter, or a node's output at the batch size). */
export const MAX_TENSOR_ELEMENTS = 16 * 1024 * 1024;
/** Elements over all parameters and node outputs together. */
export const MAX_TOTAL_ELEMENTS = 64 * 1024 * 1024;
/** Refusals reported at once; the first ones are the most important. */
export const MAX_ERRORS = 20;
export const MAX_SAMPLES = 100_000;
/** Row counts of the builtin data sets, for sizing node outputs before the data are loaded. */
export const BUILTIN_ROWS: Readonly<Record<string, number>> = {
  xor: 4, and: 4, or: 4, iris: 150, 'breast-cancer': 569, wine: 178, digits: 1797,
};
export const DEFAULT_SAMPLES = 200;
/** Keys that could reach an object's prototype if some later code copied them naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
