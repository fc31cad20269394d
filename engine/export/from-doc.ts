// The exporters' input from a document alone, for the editor's Export menu: the same data, configuration and plan
// the training session would build (engine/train/prepare.ts), with the weights the document (or `params`) holds.
import type { GraphDoc, Result } from '../graph/types';
import type { DatasetFileReader } from '../train/data/types';
import { prepare } from '../train/prepare';
import type { ExportSource } from './source';

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
