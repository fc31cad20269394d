// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { FileMenu } from '../../app/files/FileMenu';
import { decodeShare } from '../../app/files/share';
import { addNode, docStore, resetDocStore, setParams, undo } from '../../app/store';
import { loadForEditor } from '../../app/store/engineApi';

describe('file menu', () => {
  beforeEach(() => {
    resetDocStore();
    // No server in jsdom: the templates list is simply empty.
    vi.stubGlobal('fetch', () => Promise.reject(new Error('offline')));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('Share link shows a link that carries the graph', () => {
    const fc = addNode('Linear', { x: 0, y: 0 }) as string;
    setParams({ [`${fc}.weight`]: [1, 2, 3, 4] });
    render(<FileMenu />);
    fireEvent.click(screen.getByRole('button', { name: 'Share link' }));
    const link = (screen.getByRole('textbox', { name: 'Share link' }) as HTMLInputElement).value;
    const decoded = decodeShare(new URL(link).hash);
    const r = decoded?.ok ? loadForEditor(decoded.text) : null;
    expect(r?.ok && r.value.nodes[0].params?.weight).toEqual([[1, 2], [3, 4]]);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a graph too large for a link says so on the status line and shows no link', () => {
    // Enough incompressible numbers to pass 64 KB.
    const big = Array.from({ length: 20_000 }, () => Math.random());
    docStore.setState((s) => ({ doc: { ...s.doc, nodes: [...s.doc.nodes, { id: 'c', op: 'Constant', attrs: { value: big } }] } }));
    render(<FileMenu />);
    fireEvent.click(screen.getByRole('button', { name: 'Share link' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(docStore.getState().status).toMatchObject({ kind: 'error', text: expect.stringMatching(/too large for a link/) });
  });

  it('New empties the canvas as one undo step', () => {
    addNode('Input', { x: 0, y: 0 });
    const before = docStore.getState().doc;
    render(<FileMenu />);
    fireEvent.click(screen.getByRole('button', { name: 'New' }));
    expect(docStore.getState().doc.nodes).toEqual([]);
    undo();
    expect(docStore.getState().doc).toEqual(before);
  });

  it('every control is named, templates included', () => {
    render(<FileMenu />);
    expect(screen.getByRole('combobox', { name: 'Open a template' })).toBeTruthy();
    expect(screen.getByLabelText('Open a graph file')).toBeTruthy();
    for (const name of ['New', 'Open…', 'Save', 'Paste JSON…', 'Share link']) expect(screen.getByRole('button', { name })).toBeTruthy();
  });
});
