// Save: the graph file (with the trained weights the training side wrote into the document) as a download.
import type { GraphDoc } from '../../engine/graph/types';
import { docStore, showStatus } from '../store';
import { saveGraph } from '../store/engineApi';
import { offerDownload } from './download';

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

/** The document as a file should hold it: the training side's latest weights flushed in first (Save and Export). */
export async function docForFile(): Promise<GraphDoc> {
  for (const fn of beforeSave) await fn();
  return docStore.getState().doc;
}

export async function saveToDownload(): Promise<void> {
  const doc = await docForFile();
  const name = fileNameFor(doc);
  offerDownload(name, new Blob([saveGraph(doc)], { type: 'application/json' }));
  showStatus(`Saved ${name}`);
}
