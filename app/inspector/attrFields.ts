// Form fields for an op's attrs, read from its zod schema (through JSON Schema), so a new op needs no editor code.
import { z } from 'zod';
import type { AttrValue } from '../../engine/graph/types';
import type { AnyOpDef } from '../../engine/ops/types';

export type FieldSpec =
  | { kind: 'number'; name: string; integer: boolean; min?: number; max?: number; required: boolean; fallback?: number }
  | { kind: 'boolean'; name: string; fallback: boolean }
  | { kind: 'choice'; name: string; options: { label: string; value: AttrValue }[]; fallback?: AttrValue }
  /** Anything else (arrays, nested values): edited as JSON text. */
  | { kind: 'json'; name: string; required: boolean; fallback?: AttrValue };

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

const cache = new WeakMap<AnyOpDef, FieldSpec[]>();

export function attrFields(def: AnyOpDef): FieldSpec[] {
  let fields = cache.get(def);
  if (!fields) {
    fields = build(def);
    cache.set(def, fields);
  }
  return fields;
}

function build(def: AnyOpDef): FieldSpec[] {
  let schema: JsonSchema;
  try {
    schema = z.toJSONSchema(def.attrs, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  } catch {
    return [];
  }
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, p]) => field(name, p, required.has(name)));
}

function isAttr(v: unknown): v is AttrValue {
  return v === null || ['number', 'string', 'boolean'].includes(typeof v) || Array.isArray(v);
}

function field(name: string, p: JsonSchema, required: boolean): FieldSpec {
  const fallback = isAttr(p.default) ? p.default : undefined;
  if (p.type === 'integer' || p.type === 'number') {
    const max = p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER ? p.maximum : undefined;
    return { kind: 'number', name, integer: p.type === 'integer', min: p.minimum, max, required, fallback: typeof fallback === 'number' ? fallback : undefined };
  }
  if (p.type === 'boolean') return { kind: 'boolean', name, fallback: fallback === true };
  if (p.type === 'string' && p.enum) {
    return { kind: 'choice', name, options: p.enum.filter(isAttr).map((v) => ({ label: String(v), value: v })), fallback };
  }
  const consts = p.anyOf?.map((a) => (a.type === 'null' ? null : a.const));
  if (consts && consts.every((c) => c === null || typeof c === 'number' || typeof c === 'string')) {
    const options = consts.map((c) => ({ label: c === null ? 'all' : String(c), value: c as AttrValue }));
    return { kind: 'choice', name, options, fallback };
  }
  return { kind: 'json', name, required, fallback };
}
