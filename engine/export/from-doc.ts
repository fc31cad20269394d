// The exporters' input from a document alone, for the editor's Export menu: the same data, configuration and plan
// the training session would build (engine/train/prepare.ts), with the weights the document (or `params`) holds.
import type { GraphDoc, Result } from '../graph/types';
import type { DatasetFileReader } from '../train/data/types';
import { prepare } from '../train/prepare';
import { toIdentifier } from './names';
import { exportOnnx, type OnnxOptions } from './onnx';
import { exportPytorch } from './pytorch';
import type { ExportSource } from './source';

export type ExportTarget = 'pytorch' | 'onnx';

export interface ExportedFile {
  /** A file name from the graph's name: `xor_with_one_hidden_layer.py`. */
  name: string;
  /** MIME type, for a download. */
  type: string;
  content: string | Uint8Array;
}

export async function exportSourceOfDoc(
  doc: GraphDoc,
  read: DatasetFileReader,
  params?: Readonly<Record<string, ArrayLike<number>>>,
): Promise<Result<ExportSource>> {
  const p = await prepare(doc, read, 'params');
  if (!p.ok) return p;
  const { plan, data, config } = p.value;
  return { ok: true, value: { doc, plan, params, train: data.train, test: data.test, config } };
}

/** One call for an Export menu: the file to offer, or the issues that refuse it. */
export async function exportFile(
  doc: GraphDoc,
  to: ExportTarget,
  read: DatasetFileReader,
  params?: Readonly<Record<string, ArrayLike<number>>>,
  onnx?: OnnxOptions,
): Promise<Result<ExportedFile>> {
  const source = await exportSourceOfDoc(doc, read, params);
  if (!source.ok) return source;
  const base = toIdentifier(doc.name ?? '') || 'model';
  if (to === 'pytorch') {
    const script = exportPytorch(source.value);
    return script.ok ? { ok: true, value: { name: `${base}.py`, type: 'text/x-python', content: script.value } } : script;
  }
  const model = exportOnnx(source.value, onnx);
  return model.ok ? { ok: true, value: { name: `${base}.onnx`, type: 'application/octet-stream', content: model.value.bytes } } : model;
}
