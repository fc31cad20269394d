// The fuzzer's inputs and its one invariant, shared by the bounded run in `npm test` (fuzz.test.ts) and the long
// run (`npm run fuzz`, fuzz-run.ts): random JSON, and valid graphs broken by random mutations.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDraft, loadGraph, validateGraph } from '../../engine/graph/load';
import { MAX_ERRORS } from '../../engine/graph/limits';
import { saveGraph } from '../../engine/graph/serialize';
import { xorDoc, type Json } from './fixtures';

type Container = Json[] | { [k: string]: Json };

/** Valid graphs to break: the test graph and every shipped example. */
export function seeds(): string[] {
  const dir = fileURLToPath(new URL('../../public/examples', import.meta.url));
  const examples = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
  return [JSON.stringify(xorDoc()), ...examples.map((f) => readFileSync(join(dir, f), 'utf8'))];
}

const ODD = ['\uD800', '\uDC00x', '\u202Eevil', '\u200F', '\u200B', '\u0000', '😀', 'e\u0301', '<script>alert(1)</script>', '\uFEFF', '"\\'];
const HUGE = ['1e999', '-1e999', '1e308', '-1e308', '5e-324', '9007199254740993', '-0', '1e-400', '123456789012345678901234567890'];
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const VOCAB = ['format', 'version', 'nodes', 'edges', 'training', 'ui', 'id', 'op', 'attrs', 'params', 'label', 'position',
  'source', 'target', 'targetPort', 'in', 'out', 'features', 'classes', 'weight', 'bias', 'value', 'data', 'builtin', 'inline',
  'x', 'y', 'optimizer', 'type', 'lr', 'betas', 'seed', 'batchSize', 'split', 'test', 'Linear', 'ReLU', 'Input', 'MSELoss'];

export type Mutation =
  | { kind: 'drop' | 'dup-id' | 'dup-item' | 'long-string' | 'odd-unicode' | 'deep' | 'proto-key' | 'swap-ends'; at: number; n: number }
  | { kind: 'wrong-type'; at: number; value: Json }
  | { kind: 'huge-number'; at: number; n: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop', 'dup-id', 'dup-item', 'long-string', 'odd-unicode', 'deep', 'proto-key', 'swap-ends'), at: fc.nat(), n: fc.nat() }),
  fc.record({ kind: fc.constant('wrong-type'), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> }),
  fc.record({ kind: fc.constant('huge-number'), at: fc.nat(), n: fc.nat() }),
) as fc.Arbitrary<Mutation>;

/** Every (container, key) slot in the value, parents first; iterative so deep values are no problem. */
function slots(root: Json): { parent: Container; key: string | number }[] {
  const out: { parent: Container; key: string | number }[] = [];
  const stack: Json[] = [root];
  while (stack.length) {
    const v = stack.pop() as Json;
    if (Array.isArray(v)) v.forEach((c, i) => { out.push({ parent: v, key: i }); stack.push(c); });
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) { out.push({ parent: v, key: k }); stack.push(v[k]); }
  }
  return out;
}

function set(parent: Container, key: string | number, value: Json): void {
  // defineProperty: a plain assignment to `__proto__` would change the prototype instead of adding a key.
  Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies one mutation in place; the value is a fresh parse, so nothing shared is touched. Returns text-level edits. */
function apply(root: Json, m: Mutation, texts: ((t: string) => string)[]): void {
  const all = slots(root);
  if (all.length === 0) return;
  const { parent, key } = all[m.at % all.length];
  const here = (parent as Record<string | number, Json>)[key];
  const objects = all.map((s) => (s.parent as Record<string | number, Json>)[s.key]).filter((v): v is { [k: string]: Json } => !!v && typeof v === 'object' && !Array.isArray(v));
  switch (m.kind) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return;
    case 'wrong-type':
      return set(parent, key, m.value);
    case 'huge-number': {
      // JSON.stringify cannot write 1e999: place a marker and swap it in the text.
      const marker = `"__huge_${texts.length}__"`;
      set(parent, key, marker.slice(1, -1));
      texts.push((t) => t.replace(marker, HUGE[m.n % HUGE.length]));
      return;
    }
    case 'deep': {
      const depth = 1 + (m.n % 300);
      let v: Json = 0;
      for (let i = 0; i < depth; i++) v = m.n % 2 ? [v] : { a: v };
      return set(parent, key, v);
    }
    case 'long-string':
      return set(parent, key, 'x'.repeat([65, 201, 10_001, 100_000][m.n % 4]));
    case 'odd-unicode':
      return set(parent, key, typeof here === 'string' ? here + ODD[m.n % ODD.length] : ODD[m.n % ODD.length]);
    case 'proto-key': {
      const target = objects.length ? objects[m.n % objects.length] : undefined;
      if (target) set(target, KEYS[m.n % KEYS.length], { polluted: true });
      return;
    }
    case 'dup-id': {
      const withId = objects.filter((o) => typeof o.id === 'string');
      if (withId.length >= 2) withId[(m.n + 1) % withId.length].id = withId[m.n % withId.length].id;
      return;
    }
    case 'dup-item':
      if (Array.isArray(parent)) parent.push(structuredClone(here));
      return;
    case 'swap-ends': {
      const edge = objects.find((o, i) => i >= m.n % Math.max(1, objects.length) && typeof o.source === 'string');
      if (edge) [edge.source, edge.target] = [edge.target, edge.source];
      return;
    }
  }
}

/** A valid graph broken by 1–3 mutations, then maybe cut or spliced as text. */
export function mutatedGraph(base: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: base.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.oneof({ arbitrary: fc.constant(null), weight: 7 }, { arbitrary: fc.tuple(fc.nat(), fc.string({ maxLength: 3 })), weight: 1 }))
    .map(([i, ms, cut]) => {
      const doc = JSON.parse(base[i]) as Json;
      const texts: ((t: string) => string)[] = [];
      for (const m of ms) apply(doc, m, texts);
      let text = texts.reduce((t, f) => f(t), JSON.stringify(doc) ?? '');
      if (cut) text = text.slice(0, cut[0] % (text.length + 1)) + cut[1];
      return text;
    });
}

/** JSON built from the format's own words, so random values reach past the envelope checks. */
const vocabJson: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Json>(null, true, 0, 1, -1, 2, 0.5, 'wiregrad-graph', 'ReLU', 'Linear', 'in', 'x', 'e1', ''),
    fc.double(),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...VOCAB, ...KEYS), fc.string({ maxLength: 4 })), tie('v'), { maxKeys: 5 }),
  ),
})).v;

/** Any text a stranger could hand the reader. */
export function fuzzInput(base: readonly string[]): fc.Arbitrary<string> {
  const envelope = vocabJson.map((v) => JSON.stringify(v && typeof v === 'object' && !Array.isArray(v) ? { format: 'wiregrad-graph', version: 1, ...v } : v) ?? 'null');
  return fc.oneof(
    { arbitrary: mutatedGraph(base), weight: 6 },
    { arbitrary: envelope, weight: 2 },
    { arbitrary: fc.json({ maxDepth: 4 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  );
}

const protoKeys = (): string => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const PROTO = protoKeys();

/** The invariant: never throws, the three readers agree, refusals are capped and name a place and a rule, a load round-trips, nothing is polluted. */
export function checkOne(text: string): 'loaded' | 'refused' {
  const r = loadGraph(text);
  // The editor's reader and the in-memory reader agree with the file reader.
  const draft = loadDraft(text);
  const draftClean = draft.ok && draft.unfinished.length === 0;
  if (r.ok !== draftClean) throw new Error('loadDraft disagrees with loadGraph on whether the graph is complete');
  if (!r.ok && draft.ok && JSON.stringify(r.errors) !== JSON.stringify(draft.unfinished.slice(0, MAX_ERRORS))) {
    throw new Error('loadGraph refused a draft for more than its unfinished parts');
  }
  let parsed: { value: unknown } | undefined;
  try {
    parsed = { value: JSON.parse(text) as unknown };
  } catch {
    parsed = undefined;
  }
  if (parsed && validateGraph(parsed.value).ok !== r.ok) throw new Error('validateGraph disagrees with loadGraph');
  if (protoKeys() !== PROTO || ({} as { polluted?: unknown }).polluted !== undefined) throw new Error('Object.prototype was changed');
  if (!r.ok) {
    if (r.errors.length === 0 || r.errors.length > MAX_ERRORS) throw new Error(`${r.errors.length} errors`);
    for (const e of r.errors) {
      if (typeof e.path !== 'string' || e.path === '' || typeof e.message !== 'string' || e.message === '') throw new Error(`an issue without place or rule: ${JSON.stringify(e)}`);
    }
    return 'refused';
  }
  const again = loadGraph(saveGraph(r.value));
  if (!again.ok || JSON.stringify(again.value) !== JSON.stringify(r.value)) throw new Error('a loaded graph does not round-trip through saveGraph');
  return 'loaded';
}
