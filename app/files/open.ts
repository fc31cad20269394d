// Opening a graph from text (file, drop, paste, link, template): all or nothing. A refused text shows its errors
// (each with its place) and leaves the open graph untouched.
import type { GraphDoc } from '../../engine/graph/types';
import { loadForEditor } from '../store/engineApi';
import { replaceDoc, showStatus } from '../store';
import { fileUi } from './fileUi';
import { requestFitView } from '../canvas/viewRequests';

/** Load `text` and make it the open graph, or show why not. Returns the loaded doc or null. */
export function openText(text: string, what: string): GraphDoc | null {
  const r = loadForEditor(text);
  if (!r.ok) {
    fileUi.setState({ refusal: { what, errors: r.errors } });
    showStatus(`Could not open ${what}: ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} (the open graph is unchanged)`, 'error');
    return null;
  }
  replaceDoc(r.value, `open ${what}`);
  requestFitView();
  const n = r.unfinished.length;
  showStatus(n ? `Opened ${what} (unfinished: ${n} problem${n === 1 ? '' : 's'} marked on the canvas)` : `Opened ${what}`);
  return r.value;
}

function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  // Older engines (and jsdom) lack Blob.text().
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsText(file);
  });
}

export async function openFile(file: File): Promise<GraphDoc | null> {
  let text: string;
  try {
    text = await readText(file);
  } catch {
    fileUi.setState({ refusal: { what: file.name, errors: [{ path: '(file)', message: 'the file could not be read' }] } });
    return null;
  }
  return openText(text, file.name);
}
