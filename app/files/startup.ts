// What the editor opens with: a graph in the link (#g=…) wins over the autosave, which wins over an empty graph.
// A bad link shows its refusal and falls back to the autosave, so nothing is lost.
import type { GraphDoc } from '../../engine/graph/types';
import { docStore, emptyDoc, resetDocStore, showStatus } from '../store';
import { loadForEditor } from '../store/engineApi';
import { restoreAutosave } from './autosave';
import { fileUi } from './fileUi';
import { decodeShare } from './share';

export type StartSource = 'link' | 'autosave' | 'empty';

export function startDocument(hash: string): { doc: GraphDoc; source: StartSource } {
  const shared = decodeShare(hash);
  if (shared) {
    const r = shared.ok ? loadForEditor(shared.text) : ({ ok: false, errors: [{ path: '(link)', message: shared.message }] } as const);
    if (r.ok) return { doc: r.value, source: 'link' };
    fileUi.setState({ refusal: { what: 'the shared link', errors: r.errors } });
  }
  const saved = restoreAutosave();
  if (saved) return { doc: saved, source: 'autosave' };
  return { doc: emptyDoc(), source: 'empty' };
}

/** Load the start document into the store and say where it came from. */
export function openStartDocument(hash: string): StartSource {
  const { doc, source } = startDocument(hash);
  const status = docStoreStatus();
  resetDocStore(doc);
  if (status) showStatus(status.text, status.kind);
  else if (source === 'link') showStatus('Opened the graph from the link');
  else if (source === 'autosave') showStatus('Restored your last session');
  return source;
}

// A message raised while starting (storage blocked) must survive the reset.
function docStoreStatus() {
  return docStore.getState().status;
}
