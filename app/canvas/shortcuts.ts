// Keyboard shortcuts users bring from other node editors. Ignored while typing in a field or a dialog is open.
import { useEffect } from 'react';
import { copySelection, paste, redo, selectAll, undo } from '../store';
import { saveToDownload } from '../files/save';

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"]') !== null;
}

export function handleShortcut(e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey || typing(e.target)) return false;
  const k = e.key.toLowerCase();
  if (k === 'z' && !e.shiftKey) undo();
  else if ((k === 'z' && e.shiftKey) || (k === 'y' && !e.shiftKey)) redo();
  else if (k === 'c' && !e.shiftKey) {
    // Leave a text selection's copy alone.
    if (!copySelection()) return false;
  } else if (k === 'v' && !e.shiftKey) paste();
  else if (k === 'a' && !e.shiftKey) selectAll();
  else if (k === 's' && !e.shiftKey) void saveToDownload();
  else return false;
  e.preventDefault();
  return true;
}

export function useShortcuts(): void {
  useEffect(() => {
    window.addEventListener('keydown', handleShortcut);
    return () => window.removeEventListener('keydown', handleShortcut);
  }, []);
}
