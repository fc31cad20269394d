// A number input that lets people type freely ("0.", "", "1e-") and commits only valid values into the document.
import { useEffect, useState } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number | undefined;
  onCommit(v: number | undefined): void;
  min?: number;
  max?: number;
  step?: number | 'any';
  integer?: boolean;
  /** Shown when empty; an empty field commits undefined (the default) when allowed. */
  placeholder?: string;
  allowEmpty?: boolean;
}

export function NumberField({ label, value, onCommit, min, max, step = 'any', integer, placeholder, allowEmpty }: NumberFieldProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value === undefined ? '' : String(value));
  }, [value, focused]);
  const valid = (t: string): number | undefined | null => {
    if (t.trim() === '') return allowEmpty ? undefined : null;
    const n = Number(t);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return null;
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) return null;
    return n;
  };
  const bad = valid(text) === null;
  return (
    <input
      type="number"
      aria-label={label}
      aria-invalid={bad || undefined}
      className={bad ? 'is-invalid' : undefined}
      min={min}
      max={max}
      step={step}
      placeholder={placeholder}
      value={text}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(e) => {
        setText(e.target.value);
        const v = valid(e.target.value);
        if (v !== null && v !== value) onCommit(v);
      }}
    />
  );
}
