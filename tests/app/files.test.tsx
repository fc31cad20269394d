// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { PasteDialog, RefusalDialog } from '../../app/files/FileDialogs';
import { AUTOSAVE_KEY, restoreAutosave, startAutosave } from '../../app/files/autosave';
import { fileUi } from '../../app/files/fileUi';
import { openFile, openText } from '../../app/files/open';
import { decodeShare, encodeShare, SHARE_LIMIT } from '../../app/files/share';
import { startDocument } from '../../app/files/startup';
import { addNode, connect, docStore, resetDocStore, setParams, undo } from '../../app/store';
import { loadForEditor, saveGraph } from '../../app/store/engineApi';
import type { GraphDoc } from '../../engine/graph/types';

const xorMlp: GraphDoc = {
  format: 'wiregrad-graph',
  version: 1,
  name: 'XOR',
  nodes: [
    { id: 'x', op: 'Input', attrs: { features: 2 }, position: { x: 0, y: 0 } },
    { id: 'fc1', op: 'Linear', attrs: { in: 2, out: 4 }, label: 'hidden', position: { x: 200, y: 0 } },
    { id: 'act', op: 'ReLU', position: { x: 400, y: 0 } },
    { id: 'fc2', op: 'Linear', attrs: { in: 4, out: 1 }, position: { x: 600, y: 0 } },
    { id: 'p', op: 'Sigmoid', position: { x: 800, y: 0 } },
    { id: 'y', op: 'Target', attrs: { features: 1 }, position: { x: 800, y: 200 } },
    { id: 'loss', op: 'BCELoss', position: { x: 1000, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'x', target: 'fc1', targetPort: 'in' },
    { id: 'e2', source: 'fc1', target: 'act', targetPort: 'in' },
    { id: 'e3', source: 'act', target: 'fc2', targetPort: 'in' },
    { id: 'e4', source: 'fc2', target: 'p', targetPort: 'in' },
    { id: 'e5', source: 'p', target: 'loss', targetPort: 'input' },
    { id: 'e6', source: 'y', target: 'loss', targetPort: 'target' },
  ],
  training: { data: { builtin: 'xor' }, batchSize: 4, optimizer: { type: 'sgd', lr: 0.5 }, seed: 1 },
};

const doc = () => docStore.getState().doc;

function buildSomething(): void {
  const x = addNode('Input', { x: 0, y: 0 }) as string;
  const fc = addNode('Linear', { x: 200, y: 0 }) as string;
  connect({ source: x, target: fc, targetPort: 'in' });
}

describe('opening files', () => {
  beforeEach(() => {
    resetDocStore();
    fileUi.setState({ refusal: null, pasteOpen: false });
  });
  afterEach(cleanup);

  it('a refused file shows each error with its place and leaves the open graph untouched', async () => {
    buildSomething();
    const before = doc();
    const history = docStore.getState().past.length;
    const bad = { ...xorMlp, nodes: [...xorMlp.nodes, { id: 'extra', op: 'relu' }] };
    render(<RefusalDialog />);
    const r = await openFile(new File([JSON.stringify(bad)], 'bad.json', { type: 'application/json' }));
    expect(r).toBeNull();
    expect(doc()).toBe(before);
    expect(docStore.getState().past.length).toBe(history);
    const dialog = await screen.findByRole('dialog', { name: 'Could not open bad.json' });
    expect(dialog.textContent).toMatch(/The open graph is unchanged/);
    const items = screen.getByRole('list', { name: 'Problems found' }).querySelectorAll('li');
    expect(items.length).toBeGreaterThan(0);
    expect(items[0].querySelector('code')?.textContent).toMatch(/nodes\[7\]/);
    expect(dialog.textContent).toMatch(/ReLU/); // "did you mean"
    expect(docStore.getState().status?.text).toMatch(/Could not open bad\.json/);
  });

  it('not JSON at all is refused with a place too', () => {
    buildSomething();
    const before = doc();
    expect(openText('{ "format": ', 'broken.json')).toBeNull();
    expect(doc()).toBe(before);
    expect(fileUi.getState().refusal?.errors[0].message).toBeTruthy();
  });

  it('a good file replaces the graph as one undo step', () => {
    buildSomething();
    const before = doc();
    expect(openText(JSON.stringify(xorMlp), 'xor.json')).not.toBeNull();
    expect(doc().nodes.map((n) => n.id)).toEqual(['x', 'fc1', 'act', 'fc2', 'p', 'y', 'loss']);
    undo();
    expect(doc()).toEqual(before);
  });

  it('a half-built graph (ports without edges) still opens, so unfinished work survives a save', () => {
    buildSomething();
    addNode('BCELoss', { x: 0, y: 0 });
    const text = saveGraph(doc());
    resetDocStore();
    const r = loadForEditor(text);
    expect(r.ok && r.unfinished.length).toBeGreaterThan(0);
    expect(openText(text, 'wip.json')?.nodes).toHaveLength(3);
    expect(docStore.getState().status?.text).toMatch(/unfinished/);
  });

  it('an unfinished graph still has to respect the size budget', () => {
    const huge = { format: 'wiregrad-graph', version: 1, nodes: [{ id: 'x', op: 'Input', attrs: { features: 10_000_000 } }, { id: 'l', op: 'MSELoss' }], edges: [], training: { data: { builtin: 'xor' } } };
    const r = loadForEditor(JSON.stringify(huge));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatchObject({ nodeId: 'x', message: expect.stringMatching(/limit/) });
  });

  it('labels with markup are kept as text; nothing in them runs', () => {
    const evil = { ...xorMlp, nodes: xorMlp.nodes.map((n) => (n.id === 'fc1' ? { ...n, label: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>' } : n)) };
    expect(openText(JSON.stringify(evil), 'evil.json')).not.toBeNull();
    expect(doc().nodes[1].label).toContain('<script>');
  });

  it('pasting JSON opens it; pasting junk shows the refusal and keeps the graph', () => {
    buildSomething();
    const before = doc();
    fileUi.setState({ pasteOpen: true });
    render(
      <>
        <PasteDialog />
        <RefusalDialog />
      </>,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Graph JSON' }), { target: { value: '{"format":"wiregrad-graph","version":2,"nodes":[],"edges":[]}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(doc()).toBe(before);
    expect(screen.getByRole('dialog', { name: 'Could not open the pasted text' }).textContent).toMatch(/version/);
  });
});

describe('share links', () => {
  beforeEach(() => resetDocStore());

  it('round-trips a graph with its weights through #g=…', () => {
    resetDocStore(xorMlp);
    setParams({ 'fc2.weight': [0.5, -0.25, 1, 2], 'fc2.bias': [0.125] });
    const shared = encodeShare(doc());
    expect(shared.ok).toBe(true);
    if (!shared.ok) return;
    expect(shared.hash).toMatch(/^#g=[A-Za-z0-9_-]+$/);
    const back = decodeShare(shared.hash);
    expect(back?.ok).toBe(true);
    if (!back?.ok) return;
    const r = loadForEditor(back.text);
    expect(r.ok && r.value).toEqual(JSON.parse(saveGraph(doc())));
    expect(r.ok && r.value.nodes[3].params?.weight).toEqual([[0.5, -0.25, 1, 2]]);
  });

  it('refuses a graph too large for a link, saying to save a file instead', () => {
    // Random weights do not compress: 40 Linear 16×16 layers are well past the limit.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const nodes = Array.from({ length: 40 }, (_, i) => ({
      id: `fc${i}`,
      op: 'Linear',
      attrs: { in: 16, out: 16 },
      params: { weight: Array.from({ length: 16 }, () => Array.from({ length: 16 }, rand)), bias: Array.from({ length: 16 }, rand) },
    }));
    const r = encodeShare({ format: 'wiregrad-graph', version: 1, nodes, edges: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(new RegExp(`limit is ${SHARE_LIMIT / 1024} KB.*Save it as a file`));
  });

  it('a damaged or oversized link is refused, not half-loaded', () => {
    expect(decodeShare('#g=AAAA')).toMatchObject({ ok: false, message: expect.stringMatching(/damaged/) });
    expect(decodeShare('#g=' + 'A'.repeat(SHARE_LIMIT))).toMatchObject({ ok: false });
    expect(decodeShare('#other')).toBeNull();
  });
});

describe('autosave', () => {
  beforeEach(() => {
    resetDocStore();
    localStorage.clear();
    fileUi.setState({ refusal: null, pasteOpen: false });
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('saves after a quiet moment and a reload restores the work', () => {
    const stop = startAutosave(500);
    buildSomething();
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    vi.advanceTimersByTime(600);
    const saved = doc();
    stop();
    resetDocStore();
    expect(restoreAutosave()).toEqual(JSON.parse(saveGraph(saved)));
    expect(startDocument('').source).toBe('autosave');
  });

  it('the graph in the link wins over the autosave; a bad link falls back to the autosave and says why', () => {
    localStorage.setItem(AUTOSAVE_KEY, saveGraph({ ...xorMlp, name: 'autosaved' }));
    const shared = encodeShare({ ...xorMlp, name: 'linked' });
    if (!shared.ok) throw new Error(shared.message);
    expect(startDocument(shared.hash)).toMatchObject({ source: 'link', doc: { name: 'linked' } });
    expect(startDocument('#g=AAAA')).toMatchObject({ source: 'autosave', doc: { name: 'autosaved' } });
    expect(fileUi.getState().refusal?.what).toBe('the shared link');
  });

  it('storage full is reported once and breaks nothing else', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const stop = startAutosave(100);
    buildSomething();
    vi.advanceTimersByTime(200);
    expect(docStore.getState().status).toMatchObject({ kind: 'error', text: expect.stringMatching(/storage is full/) });
    const seq = docStore.getState().status?.seq;
    addNode('ReLU', { x: 0, y: 0 });
    vi.advanceTimersByTime(200);
    expect(docStore.getState().status?.seq).toBe(seq); // said once
    expect(doc().nodes).toHaveLength(3); // editing goes on
    setItem.mockRestore();
    addNode('ReLU', { x: 0, y: 0 });
    vi.advanceTimersByTime(200);
    expect(docStore.getState().status?.text).toBe('Autosave works again.');
    stop();
  });

  it('blocked storage is reported on restore and the editor starts empty', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(startDocument('')).toMatchObject({ source: 'empty' });
    expect(docStore.getState().status?.text).toMatch(/blocks local storage/);
  });
});

describe('templates', () => {
  it('every example in public/examples/index.json is listed and opens', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseTemplateIndex } = await import('../../app/files/templates');
    const list = parseTemplateIndex(JSON.parse(readFileSync('public/examples/index.json', 'utf8')));
    const files = readFileSync('public/examples/index.json', 'utf8').match(/[a-z0-9-]+\.json/g) ?? [];
    expect(list.map((t) => t.file)).toEqual(files);
    for (const t of list) {
      expect(t.title.length).toBeGreaterThan(0);
      const r = loadForEditor(readFileSync(`public/examples/${t.file}`, 'utf8'));
      expect(r.ok, `${t.file}: ${JSON.stringify(!r.ok && r.errors)}`).toBe(true);
    }
  });
});
