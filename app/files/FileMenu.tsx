// File controls: New, Open, Save, Export, Paste JSON, Share link, Templates.
import { useEffect, useRef, useState } from 'react';
import { docStore, emptyDoc, replaceDoc, showStatus } from '../store';
import { Dialog } from './Dialog';
import { ExportMenu } from './ExportMenu';
import { fileUi } from './fileUi';
import { openFile, openText } from './open';
import { saveToDownload } from './save';
import { encodeShare } from './share';
import { fetchTemplates, fetchTemplateText, type TemplateEntry } from './templates';

function ShareDialog({ link, onClose }: { link: string; onClose: () => void }) {
  return (
    <Dialog title="Share link" onClose={onClose}>
      <p>Anyone who opens this link gets a copy of this graph, weights included.</p>
      <input className="share-link" aria-label="Share link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      <div className="dialog-actions">
        <button
          type="button"
          onClick={() => {
            navigator.clipboard?.writeText(link).then(
              () => showStatus('Link copied'),
              () => showStatus('Copy the link from the box (the clipboard is not available here)', 'error'),
            );
          }}
        >
          Copy
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

function Templates() {
  const [list, setList] = useState<TemplateEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    fetchTemplates().then(
      (l) => live && setList(l),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, []);
  const pick = async (file: string) => {
    const entry = list?.find((t) => t.file === file);
    if (!entry) return;
    try {
      openText(await fetchTemplateText(entry.file), entry.title);
    } catch (e) {
      showStatus(`Could not fetch the template: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };
  return (
    <select
      aria-label="Open a template"
      className="templates"
      value=""
      onChange={(e) => void pick(e.target.value)}
      disabled={!list?.length}
    >
      <option value="">{list === null ? 'Templates…' : list.length ? 'Templates…' : 'No templates'}</option>
      {(list ?? []).map((t) => (
        <option key={t.file} value={t.file} title={t.description}>
          {t.title}
        </option>
      ))}
    </select>
  );
}

export function FileMenu() {
  const input = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState<string | null>(null);
  const share = () => {
    const r = encodeShare(docStore.getState().doc);
    if (!r.ok) return showStatus(r.message, 'error');
    setLink(`${location.origin}${location.pathname}${r.hash}`);
  };
  return (
    <div className="file-menu" role="group" aria-label="File">
      <button type="button" onClick={() => replaceDoc(emptyDoc(), 'new graph')} title="New graph (undo brings the old one back)">
        New
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Open…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Open a graph file"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void openFile(f);
        }}
      />
      <button type="button" onClick={() => void saveToDownload()} title="Save the graph with its weights (Ctrl+S)">
        Save
      </button>
      <ExportMenu />
      <button type="button" onClick={() => fileUi.setState({ pasteOpen: true })}>
        Paste JSON…
      </button>
      <button type="button" onClick={share}>
        Share link
      </button>
      <Templates />
      {link ? <ShareDialog link={link} onClose={() => setLink(null)} /> : null}
    </div>
  );
}
