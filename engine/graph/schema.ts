// zod schemas of the graph file (docs/graph-format.md). Strict objects everywhere except `ui`: an unknown key is
// usually a typo. Per-op attrs and params are checked against the op catalogue in validate.ts.
import { z } from 'zod';
import { describe } from './issues';
import { CURRENT_VERSION, FORMAT } from './migrate';
import { nestedShape } from './tensor-shape';
import {
  MAX_EDGES, MAX_ID, MAX_LABEL, MAX_NAME, MAX_NODES, MAX_SAMPLES, MAX_TENSOR_ELEMENTS,
} from './limits';
import type { GraphDoc, NestedNumbers } from './types';

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ID_RULE = `1–${MAX_ID} characters of A-Z a-z 0-9 _ -`;

export const idSchema = z.string().regex(ID_PATTERN, {
  error: (iss) => `an id must be ${ID_RULE}; found ${describe(iss.input)}`,
});

const finite = z.number();

/** A nested array of numbers, rectangular (rank ≤ 2 is the op's business, not the file's). */
export const tensorSchema = z.custom<NestedNumbers>().superRefine((v, ctx) => {
  const r = nestedShape(v);
  if ('message' in r) ctx.addIssue({ code: 'custom', message: r.message, path: r.path, input: v });
});

const positionSchema = z.strictObject({ x: finite, y: finite });

export const nodeSchema = z.strictObject({
  id: idSchema,
  op: z.string().min(1).max(MAX_ID),
  attrs: z.record(z.string(), z.unknown()).optional(),
  params: z.record(z.string(), tensorSchema).optional(),
  label: z.string().max(MAX_LABEL).optional(),
  position: positionSchema.optional(),
});

export const edgeSchema = z.strictObject({
  id: idSchema,
  source: z.string().min(1).max(MAX_ID),
  target: z.string().min(1).max(MAX_ID),
  targetPort: z.string().min(1).max(MAX_ID),
});

const lr = z.number().gt(0);
const weightDecay = z.number().min(0);
const beta = z.number().min(0).lt(1);

export const optimizerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sgd'), lr, momentum: z.number().min(0).lt(1).optional(), weightDecay: weightDecay.optional() }),
  z.strictObject({ type: z.literal('adam'), lr, betas: z.tuple([beta, beta]).optional(), eps: z.number().gt(0).optional(), weightDecay: weightDecay.optional() }),
]);

const CORNERS = ['xor', 'and', 'or'] as const;
const CLOUDS = ['circle', 'xor-noisy', 'gauss', 'spiral'] as const;
const REAL = ['iris', 'breast-cancer', 'wine', 'digits'] as const;
const seed = z.int().min(0);

const NOT_BOTH = 'y is either rows of floats [[...]] or class indices [...], not both';

/** Rows of numbers, all the same length. Checked in one pass rather than per element by zod: a hostile file may hold millions. */
const inlineX = z.custom<number[][]>().superRefine((x, ctx) => {
  const r = nestedShape(x);
  if ('message' in r) return void ctx.addIssue({ code: 'custom', path: r.path, input: x, message: r.message });
  if (r.shape.length !== 2 || r.shape[0] === 0 || r.shape[1] === 0) {
    return void ctx.addIssue({ code: 'custom', path: [], input: x, message: `expected rows of numbers [[...], ...], at least one row of at least one value; found shape [${r.shape.join(', ')}]` });
  }
  if (r.shape[0] * r.shape[1] > MAX_TENSOR_ELEMENTS) {
    ctx.addIssue({ code: 'custom', path: [], input: x, message: `holds ${r.shape[0] * r.shape[1]} values; the limit is ${MAX_TENSOR_ELEMENTS} per tensor` });
  }
});

/** Rows of floats (all the same length) or class indices (whole numbers ≥ 0), never mixed. */
const inlineY = z.custom<number[][] | number[]>().superRefine((y, ctx) => {
  if (!Array.isArray(y)) return void ctx.addIssue({ code: 'custom', path: [], input: y, message: `expected rows of floats [[...]] or class indices [...]; found ${describe(y)}` });
  const rows = Array.isArray(y[0]);
  for (let i = 0; i < y.length; i++) {
    const yi: unknown = y[i];
    if (Array.isArray(yi) !== rows) {
      return void ctx.addIssue({ code: 'custom', path: [i], input: yi, message: `expected ${rows ? 'a row of floats' : 'a class index'} like y[0], found ${describe(yi)} (${NOT_BOTH})` });
    }
    if (!rows && !(typeof yi === 'number' && Number.isInteger(yi) && yi >= 0)) {
      const hint = typeof yi === 'number' ? ` (for float targets write rows: [[${yi}], ...])` : '';
      return void ctx.addIssue({ code: 'custom', path: [i], input: yi, message: `a class index is a whole number ≥ 0; found ${describe(yi)}${hint}` });
    }
  }
  if (!rows) return;
  const r = nestedShape(y);
  if ('message' in r) return void ctx.addIssue({ code: 'custom', path: r.path, input: y, message: r.message });
  if (r.shape[1] === 0) ctx.addIssue({ code: 'custom', path: [0], input: y, message: 'a row of y needs at least one value' });
});

const inlineSchema = z
  .strictObject({ x: inlineX, y: inlineY })
  .superRefine(({ x, y }, ctx) => {
    if (Array.isArray(x) && Array.isArray(y) && y.length !== x.length) {
      ctx.addIssue({ code: 'custom', path: ['y'], input: y, message: `has ${y.length} rows but x has ${x.length}: one y per row of x` });
    }
  });

/** One object with every form's keys, then the form rules: reads better than a union's error for every branch. */
export const dataSchema = z
  .strictObject({
    builtin: z.enum([...CORNERS, ...CLOUDS, ...REAL]).optional(),
    samples: z.int().min(1).max(MAX_SAMPLES).optional(),
    noise: z.number().min(0).optional(),
    seed: seed.optional(),
    inline: inlineSchema.optional(),
  })
  .superRefine((d, ctx) => {
    if ((d.builtin === undefined) === (d.inline === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], input: d, message: d.inline
        ? 'give either `builtin` or `inline`, not both'
        : 'expected `builtin` (a data set name) or `inline` ({ "x": [[...]], "y": [...] })' });
      return;
    }
    const generated = (CLOUDS as readonly string[]).includes(d.builtin ?? '');
    for (const key of ['samples', 'noise', 'seed'] as const) {
      if (d[key] !== undefined && !generated) {
        const what = d.inline ? 'inline data' : `the data set "${d.builtin}"`;
        ctx.addIssue({ code: 'custom', path: [key], input: d[key], message: `\`${key}\` applies only to the generated data sets (${CLOUDS.join(', ')}), not to ${what}` });
      }
    }
  });

export const trainingSchema = z.strictObject({
  data: dataSchema.optional(),
  split: z.strictObject({ test: z.number().min(0).max(0.9).optional() }).optional(),
  batchSize: z.int().min(1).max(1_000_000).optional(),
  shuffle: z.boolean().optional(),
  optimizer: optimizerSchema.optional(),
  seed: seed.optional(),
});

export const docSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(CURRENT_VERSION),
  name: z.string().max(MAX_NAME).optional(),
  nodes: z.array(nodeSchema).max(MAX_NODES),
  edges: z.array(edgeSchema).max(MAX_EDGES),
  training: trainingSchema.optional(),
  ui: z.record(z.string(), z.unknown()).optional(),
});

/** Nodes and edges alone, to check the graph's structure when only `training`, `name` or `ui` failed. */
export const graphSchema = docSchema.pick({ nodes: true, edges: true });

/**
 * Checked before the schema: zod reports every bad element of an array, so a file of a million bad edges would
 * take minutes to refuse. Beyond these counts nothing inside is looked at.
 */
export function tooMany(doc: Record<string, unknown>): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const [key, max] of [['nodes', MAX_NODES], ['edges', MAX_EDGES]] as const) {
    const v = doc[key];
    if (Array.isArray(v) && v.length > max) out.push({ path: key, message: `must have at most ${max} elements; found ${v.length}` });
  }
  return out;
}

/** What the schema proves; validate.ts proves the rest (ops, attrs, params, edges, cycles, sizes) and makes it a GraphDoc. */
export type SchemaDoc = z.output<typeof docSchema>;
export type { GraphDoc };
