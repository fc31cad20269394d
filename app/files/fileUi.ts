// Which file dialog is open, and the refusal it shows. Outside the document: a dialog is never undone.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { GraphIssue } from '../../engine/graph/types';

export interface Refusal {
  /** What was refused: "xor.json", "the pasted text", "the shared link". */
  what: string;
  errors: readonly GraphIssue[];
  /** What was attempted, for the dialog's title: "open" unless said ("export"). */
  action?: 'open' | 'export';
}

export interface FileUiState {
  refusal: Refusal | null;
  pasteOpen: boolean;
}

export const fileUi = createStore<FileUiState>(() => ({ refusal: null, pasteOpen: false }));

export function useFileUi<T>(selector: (s: FileUiState) => T): T {
  return useStore(fileUi, selector);
}
