// Typed inputs for a node's attrs (numbers, choices, switches, JSON for the rest). An edit commits on Enter or blur
// as one undo step; an invalid value is refused with the op's own message and the graph stays as it was.
import { useState } from 'react';
import type { AttrValue, GraphNode } from '../../engine/graph/types';
import { getOp } from '../../engine/ops/registry';
import { setAttr } from '../store';
import { attrFields, type FieldSpec } from './attrFields';

function TextAttr({ node, spec, parse }: { node: GraphNode; spec: FieldSpec; parse: (t: string) => AttrValue | undefined | Error }) {
  const stored = node.attrs?.[spec.name];
  const shown = stored === undefined ? '' : typeof stored === 'object' ? JSON.stringify(stored) : String(stored);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null || draft === shown) return setDraft(null);
    const v = parse(draft.trim());
    if (v instanceof Error) return setError(v.message);
    const refusal = setAttr(node.id, spec.name, v);
    setError(refusal);
    if (!refusal) setDraft(null);
  };
  const id = `attr-${node.id}-${spec.name}`;
  const fallback = 'fallback' in spec && spec.fallback !== undefined ? JSON.stringify(spec.fallback) : 'required';
  return (
    <div className="field">
      <label htmlFor={id}>{spec.name}</label>
      <input
        id={id}
        type="text"
        inputMode={spec.kind === 'number' ? 'decimal' : undefined}
        value={draft ?? shown}
        placeholder={fallback}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(null);
            setError(null);
          }
        }}
        onBlur={commit}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function parseNumber(spec: Extract<FieldSpec, { kind: 'number' }>) {
  return (t: string): AttrValue | undefined | Error => {
    if (t === '') return spec.required ? new Error(`${spec.name} is required`) : undefined;
    const v = Number(t);
    if (!Number.isFinite(v)) return new Error(`${spec.name} must be a number, got “${t}”`);
    if (spec.integer && !Number.isInteger(v)) return new Error(`${spec.name} must be a whole number`);
    return v;
  };
}

function parseJson(spec: FieldSpec) {
  return (t: string): AttrValue | undefined | Error => {
    if (t === '') return 'required' in spec && spec.required ? new Error(`${spec.name} is required`) : undefined;
    try {
      return JSON.parse(t) as AttrValue;
    } catch {
      return new Error(`${spec.name}: write a number or an array like [2, 3]`);
    }
  };
}

function Field({ node, spec }: { node: GraphNode; spec: FieldSpec }) {
  const id = `attr-${node.id}-${spec.name}`;
  const stored = node.attrs?.[spec.name];
  if (spec.kind === 'number') return <TextAttr node={node} spec={spec} parse={parseNumber(spec)} />;
  if (spec.kind === 'json') return <TextAttr node={node} spec={spec} parse={parseJson(spec)} />;
  if (spec.kind === 'boolean') {
    return (
      <div className="field field-check">
        <input id={id} type="checkbox" checked={typeof stored === 'boolean' ? stored : spec.fallback} onChange={(e) => setAttr(node.id, spec.name, e.target.checked)} />
        <label htmlFor={id}>{spec.name}</label>
      </div>
    );
  }
  const current = stored === undefined ? spec.fallback : stored;
  const index = spec.options.findIndex((o) => o.value === current);
  return (
    <div className="field">
      <label htmlFor={id}>{spec.name}</label>
      <select id={id} value={index < 0 ? '' : String(index)} onChange={(e) => setAttr(node.id, spec.name, spec.options[Number(e.target.value)].value)}>
        {index < 0 ? <option value="">—</option> : null}
        {spec.options.map((o, i) => (
          <option key={o.label} value={String(i)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function AttrEditor({ node }: { node: GraphNode }) {
  const def = getOp(node.op);
  const fields = def ? attrFields(def) : [];
  if (!fields.length) return <p className="muted">No attributes.</p>;
  return (
    <fieldset className="attrs">
      <legend>Attributes</legend>
      {fields.map((f) => (
        // Remount when the stored value changes elsewhere (undo), so a stale draft never shows.
        <Field key={`${f.name}:${JSON.stringify(node.attrs?.[f.name] ?? null)}`} node={node} spec={f} />
      ))}
    </fieldset>
  );
}
