// The Export menu (a menu button): PyTorch script, ONNX model (up to a chosen node), graph JSON (= Save).
// Keyboard: Enter/Space/↓ opens and focuses the first item, ↑/↓/Home/End move, Esc closes back to the button.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ExportTarget } from '../../engine/export/from-doc';
import { docStore } from '../store';
import { Dialog } from './Dialog';
import { exportToDownload, onnxOutputChoices } from './exportFile';
import { saveToDownload } from './save';
import './export.css';

function OnnxDialog({ onExport, onClose }: { onExport: (upTo: string | undefined) => void; onClose: () => void }) {
  const [choices] = useState(() => onnxOutputChoices(docStore.getState().doc));
  const [upTo, setUpTo] = useState('');
  return (
    <Dialog title="Export an ONNX model" onClose={onClose}>
      <p>The forward graph with its current weights (opset 17), for onnxruntime, Netron and other ONNX tools.</p>
      <label className="export-upto">
        Export up to
        <select value={upTo} onChange={(e) => setUpTo(e.target.value)}>
          <option value="">what the losses read (default)</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.text}
            </option>
          ))}
        </select>
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => onExport(upTo || undefined)}>
          Export ONNX
        </button>
      </div>
    </Dialog>
  );
}

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [onnx, setOnnx] = useState(false);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
  const focusItem = (i: number) => {
    const all = items();
    all[(i + all.length) % all.length]?.focus();
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Focus the first item when the menu opens; a click outside closes it.
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const run = async (to: ExportTarget, upTo?: string) => {
    setBusy(true);
    try {
      await exportToDownload(to, upTo);
    } finally {
      setBusy(false);
    }
  };
  const choose = (what: ExportTarget | 'onnx-dialog' | 'json') => {
    close(true);
    if (what === 'onnx-dialog') setOnnx(true);
    else if (what === 'json') void saveToDownload();
    else void run(what);
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusItem(at + 1),
      ArrowUp: () => focusItem(at - 1),
      Home: () => focusItem(0),
      End: () => focusItem(all.length - 1),
      Escape: () => close(true),
      Tab: () => close(false),
    };
    const move = moves[e.key];
    if (!move) return;
    if (e.key !== 'Tab') e.preventDefault();
    e.stopPropagation();
    move();
  };

  return (
    <div className="export-menu" ref={root}>
      <button
        ref={button}
        type="button"
        aria-label="Export"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-busy={busy}
        disabled={busy}
        title="Export the graph with its weights: PyTorch script, ONNX model or graph JSON"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {busy ? 'Exporting…' : 'Export ▾'}
      </button>
      {open ? (
        <div ref={menu} id={menuId} className="export-menu-list" role="menu" aria-label="Export as" onKeyDown={onMenuKey}>
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose('pytorch')}>
            PyTorch script (.py)
          </button>
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose('onnx-dialog')}>
            ONNX model (.onnx)…
          </button>
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose('json')}>
            Graph JSON (.json)
          </button>
        </div>
      ) : null}
      {onnx ? (
        <OnnxDialog
          onClose={() => {
            setOnnx(false);
            button.current?.focus();
          }}
          onExport={(upTo) => {
            setOnnx(false);
            void run('onnx', upTo);
          }}
        />
      ) : null}
    </div>
  );
}
