// Readable, unique names for the graph's nodes in exported code: from the label when it makes a short identifier,
// else from the id. The same names are used by the PyTorch script and the ONNX value names.
import type { GraphDoc } from '../graph/types';

const PYTHON_KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case',
];
// Names the generated script itself uses, and builtins a reader would not want shadowed.
const SCRIPT_NAMES = [
  'x', 'y', 'self', 'torch', 'nn', 'F', 'loss', 'losses', 'outputs', 'model', 'optimizer', 'main', 'args', 'step',
  'input', 'sum', 'max', 'min', 'abs', 'len', 'range', 'print', 'type', 'id', 'list', 'dict', 'set', 'float', 'int',
  'str', 'object', 'super', 'base64', 'argparse', 'sys', 'training', 'forward', 'eval', 'train', 'batch',
];
/** Names a node may not take in the PyTorch script. */
export const PYTHON_RESERVED: ReadonlySet<string> = new Set([...PYTHON_KEYWORDS, ...SCRIPT_NAMES]);
const MAX_LABEL_NAME = 32;

/** `"Hidden layer (4)"` → `hidden_layer_4`; '' when nothing identifier-like is left. */
export function toIdentifier(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: Ü → U
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  if (s === '') return '';
  return /^[0-9]/.test(s) ? `n_${s}` : s;
}

/** Node id → a valid, unique identifier (a Python name, and an ONNX value name), avoiding `reserved`. */
export function nodeNames(doc: GraphDoc, reserved: ReadonlySet<string> = PYTHON_RESERVED): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const node of doc.nodes) {
    const fromLabel = node.label ? toIdentifier(node.label) : '';
    let base = fromLabel !== '' && fromLabel.length <= MAX_LABEL_NAME ? fromLabel : toIdentifier(node.id);
    if (base === '') base = 'node';
    if (reserved.has(base)) base = `${base}_`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    names.set(node.id, name);
  }
  return names;
}
