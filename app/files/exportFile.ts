// Export: the open graph, with the weights it has trained to, as a PyTorch script or an ONNX model, downloaded.
// A refusal shows its issues (each with its place) like a refused file; nothing is downloaded and nothing changes.
import type { ExportTarget } from '../../engine/export/from-doc';
import type { GraphDoc, GraphIssue, Result } from '../../engine/graph/types';
import { getOp } from '../../engine/ops/registry';
import { fetchDatasetReader } from '../../engine/train/data/fetch-reader';
import type { DatasetFileReader } from '../../engine/train/data/types';
import { showStatus } from '../store';
import { offerDownload } from './download';
import { fileUi } from './fileUi';
import { docForFile } from './save';

export const EXPORT_WHAT: Readonly<Record<ExportTarget, string>> = { pytorch: 'the PyTorch script', onnx: 'the ONNX model' };

// The shipped data sets sit next to the page, like the templates (the PyTorch script embeds the rows).
const browserReader = (): DatasetFileReader => fetchDatasetReader(`${import.meta.env?.BASE_URL ?? '/'}datasets/`);
let reader: DatasetFileReader = browserReader();

/** Tests in Node read the data sets from disk; null restores the browser's fetch. */
export function setExportReader(r: DatasetFileReader | null): void {
  reader = r ?? browserReader();
}

/** Nodes an ONNX model can end at: everything but losses and the Targets that only feed them. */
export function onnxOutputChoices(doc: GraphDoc): { id: string; text: string }[] {
  return doc.nodes
    .filter((n) => {
      const def = getOp(n.op);
      return def !== undefined && !def.isLoss && def.source !== 'y';
    })
    .map((n) => ({ id: n.id, text: n.label && n.label !== n.id ? `${n.label} (${n.op} ${n.id})` : `${n.op} ${n.id}` }));
}

type Exported = Awaited<ReturnType<typeof import('../../engine/export/from-doc').exportFile>>;

async function build(doc: GraphDoc, to: ExportTarget, upTo: string | undefined): Promise<Exported> {
  try {
    // The exporters load the first time someone exports, like the auto-layout.
    const { exportFile } = await import('../../engine/export/from-doc');
    return await exportFile(doc, to, reader, undefined, upTo ? { outputs: [upTo] } : undefined);
  } catch (e) {
    // The exporters return their refusals; anything thrown is a fault, still worded for the user.
    const issue: GraphIssue = { path: 'export', message: `the export failed: ${e instanceof Error ? e.message : String(e)}` };
    return { ok: false, errors: [issue] } satisfies Result<never>;
  }
}

/** Export the current document (ONNX: up to node `upTo`, default the loss inputs). True when a file was offered. */
export async function exportToDownload(to: ExportTarget, upTo?: string): Promise<boolean> {
  const what = EXPORT_WHAT[to];
  showStatus(`Exporting ${what}…`);
  const doc = await docForFile();
  const r = await build(doc, to, upTo);
  if (!r.ok) {
    fileUi.setState({ refusal: { what, errors: r.errors, action: 'export' } });
    const n = r.errors.length;
    showStatus(`Could not export ${what}: ${n} problem${n === 1 ? '' : 's'} (nothing was downloaded)`, 'error');
    return false;
  }
  const { name, type, content } = r.value;
  // A copy gives the Blob bytes on a plain ArrayBuffer (a shared one is not a BlobPart).
  offerDownload(name, new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }));
  showStatus(`Exported ${name}`);
  return true;
}
