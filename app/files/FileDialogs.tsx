// The file dialogs: a refused file's errors (each with its place), and pasting a graph as JSON text.
import { useState } from 'react';
import { Dialog } from './Dialog';
import { fileUi, useFileUi } from './fileUi';
import { openText } from './open';

export function RefusalDialog() {
  const refusal = useFileUi((s) => s.refusal);
  if (!refusal) return null;
  const close = () => fileUi.setState({ refusal: null });
  return (
    <Dialog title={`Could not ${refusal.action ?? 'open'} ${refusal.what}`} onClose={close}>
      <p>{refusal.action === 'export' ? 'Nothing was downloaded and the graph is unchanged.' : 'The open graph is unchanged.'} What is wrong:</p>
      <ul className="refusal-list" aria-label="Problems found">
        {refusal.errors.map((e, i) => (
          <li key={i}>
            <code>{e.path}</code> {e.message}
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

export function PasteDialog() {
  const open = useFileUi((s) => s.pasteOpen);
  const [text, setText] = useState('');
  if (!open) return null;
  const close = () => fileUi.setState({ pasteOpen: false });
  const submit = () => {
    if (openText(text, 'the pasted text')) {
      setText('');
      close();
    } else {
      close(); // the refusal dialog takes over
    }
  };
  return (
    <Dialog title="Paste a graph (JSON)" onClose={close}>
      <textarea
        aria-label="Graph JSON"
        value={text}
        rows={14}
        spellCheck={false}
        placeholder='{ "format": "wiregrad-graph", "version": 1, … }'
        onChange={(e) => setText(e.target.value)}
      />
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={submit} disabled={!text.trim()}>
          Open
        </button>
      </div>
    </Dialog>
  );
}
