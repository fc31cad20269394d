// Autosave to localStorage (debounced) and restore on load. Storage full or blocked is reported on the status line
// once and breaks nothing else: the graph stays in memory and Save still works.
import type { GraphDoc } from '../../engine/graph/types';
import { docStore, showStatus } from '../store';
import { loadForEditor, saveGraph } from '../store/engineApi';

export const AUTOSAVE_KEY = 'wiregrad:autosave';
export const AUTOSAVE_DELAY_MS = 600;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // some browsers throw on merely touching localStorage when storage is blocked
  }
}

/** The autosaved graph, if there is one and it still loads. */
export function restoreAutosave(): GraphDoc | null {
  let text: string | null;
  try {
    text = storage()?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    showStatus('Autosave is unavailable: this browser blocks local storage.', 'error');
    return null;
  }
  if (!text) return null;
  const r = loadForEditor(text);
  if (!r.ok) {
    showStatus('The autosaved graph could not be restored (it no longer loads); starting fresh.', 'error');
    return null;
  }
  return r.value;
}

/** Write now. Returns null, or why storage refused. */
export function saveNow(doc: GraphDoc): string | null {
  try {
    const s = storage();
    if (!s) throw new Error('no storage');
    s.setItem(AUTOSAVE_KEY, saveGraph(doc));
    return null;
  } catch (e) {
    const full = e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);
    const why = full ? 'browser storage is full' : 'this browser blocks local storage';
    return `Autosave failed: ${why}. Your graph is safe in this tab; use Save to keep a copy.`;
  }
}

/** Start autosaving every document change after a quiet moment. Returns a stop function (which flushes). */
export function startAutosave(delayMs = AUTOSAVE_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failing = false;
  const flush = () => {
    timer = null;
    const err = saveNow(docStore.getState().doc);
    // Say a failure once, not on every keystroke; say when it works again.
    if (err && !failing) showStatus(err, 'error');
    if (!err && failing) showStatus('Autosave works again.');
    failing = err !== null;
  };
  const unsubscribe = docStore.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });
  const onHide = () => {
    if (timer) {
      clearTimeout(timer);
      flush();
    }
  };
  globalThis.addEventListener?.('pagehide', onHide);
  return () => {
    unsubscribe();
    globalThis.removeEventListener?.('pagehide', onHide);
    onHide();
  };
}
