// Save: the graph file (with the trained weights the training side wrote into the document) as a download.
import type { GraphDoc } from '../../engine/graph/types';
import { docStore, showStatus } from '../store';
import { saveGraph } from '../store/engineApi';

type BeforeSave = () => void | Promise<void>;
const beforeSave = new Set<BeforeSave>();

/** Let the training side flush its latest weights into the document before a save. Returns an unregister function. */
export function onBeforeSave(fn: BeforeSave): () => void {
  beforeSave.add(fn);
  return () => beforeSave.delete(fn);
}

export function fileNameFor(doc: GraphDoc): string {
  const base = (doc.name ?? '').trim().replace(/[^A-Za-z0-9_ .-]+/g, '').replace(/\s+/g, '-').slice(0, 80);
  return `${base || 'graph'}.json`;
}

export async function saveToDownload(): Promise<void> {
  for (const fn of beforeSave) await fn();
  const doc = docStore.getState().doc;
  const blob = new Blob([saveGraph(doc)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFor(doc);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  showStatus(`Saved ${a.download}`);
}
