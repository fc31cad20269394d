// @vitest-environment jsdom
// The toolbar's Export menu on the XOR example: a PyTorch script with the module and the lecture's training loop,
// an ONNX model (with the document's trained weights) that onnxruntime runs to wiregrad's own predictions, and a
// graph without a loss refused with its places, nothing downloaded and nothing changed.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { DataRows } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import type { DatasetFileReader } from '../../engine/train/data/types';
import { createSession, type Session } from '../../engine/train/session';
import { RefusalDialog } from '../../app/files/FileDialogs';
import { FileMenu } from '../../app/files/FileMenu';
import { setExportReader } from '../../app/files/exportFile';
import { onBeforeSave } from '../../app/files/save';
import { docStore, replaceDoc, resetDocStore, setParams } from '../../app/store';
import { loadForEditor } from '../../app/store/engineApi';

// engine/cli's reader (and so tests/export/harness) resolves from import.meta.url, which jsdom makes an http URL.
const PUBLIC = resolve(import.meta.dirname, '../../public');
const diskReader: DatasetFileReader = async (file) => new Uint8Array(await readFile(resolve(PUBLIC, 'datasets', file)));
const XOR = readFileSync(resolve(PUBLIC, 'examples/xor-mlp.json'), 'utf8');

async function openSession(doc: GraphDoc): Promise<Session> {
  const s = await createSession(doc, { read: diskReader });
  if (!s.ok) throw new Error(`the session refused the graph: ${JSON.stringify(s.errors)}`);
  return s.value;
}

/** The x columns an Input node reads, as onnxruntime's [rows, columns] tensor. */
function inputTensor(rows: DataRows, columns: readonly number[]): ort.Tensor {
  const data = new Float32Array(rows.n * columns.length);
  for (let i = 0; i < rows.n; i++) columns.forEach((c, j) => (data[i * columns.length + j] = rows.x[i * rows.xFeatures + c]));
  return new ort.Tensor('float32', data, [rows.n, columns.length]);
}

/** Runs the exported bytes in onnxruntime-web (wasm, in Node) on its one input: the single output. */
async function runOnnx(bytes: Uint8Array, x: ort.Tensor): Promise<Float32Array> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes);
  try {
    // Inputs are named from the graph's labels: "x (two bits)" is x_two_bits.
    expect(session.inputNames).toEqual(['x_two_bits']);
    const out = Object.values(await session.run({ x_two_bits: x }));
    if (out.length !== 1) throw new Error(`expected one output, got ${out.length}`);
    return out[0].data as Float32Array;
  } finally {
    await session.release();
  }
}

function xorDoc(): GraphDoc {
  const r = loadForEditor(XOR);
  if (!r.ok) throw new Error(`xor-mlp.json did not load: ${JSON.stringify(r.errors)}`);
  return r.value;
}

interface Download {
  name: string;
  blob: Blob;
}

let restoreUrl = (): void => undefined;

/** Captures what the app hands the browser: the object URL's Blob and the link's file name. */
function captureDownloads(): Download[] {
  const blobs = new Map<string, Blob>();
  const got: Download[] = [];
  let n = 0;
  // jsdom has no object URLs; the real URL class stays (onnxruntime needs it), only these two are replaced.
  const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  URL.createObjectURL = (b: Blob) => {
    const url = `blob:test/${n++}`;
    blobs.set(url, b);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  restoreUrl = () => Object.assign(URL, { createObjectURL: saved.create, revokeObjectURL: saved.revoke });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.getAttribute('href') ?? '');
    if (blob) got.push({ name: this.download, blob });
  });
  return got;
}

function bytesOf(blob: Blob): Promise<Uint8Array> {
  // jsdom's Blob has no arrayBuffer(); its FileReader does.
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onload = () => ok(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => fail(r.error);
    r.readAsArrayBuffer(blob);
  });
}

function openMenuAndChoose(item: string): void {
  fireEvent.click(screen.getByRole('button', { name: 'Export' }));
  fireEvent.click(within(screen.getByRole('menu', { name: 'Export as' })).getByRole('menuitem', { name: item }));
}

describe('Export menu', () => {
  let downloads: Download[] = [];
  beforeEach(() => {
    resetDocStore();
    // No server in jsdom: the templates list is empty, and the data sets come from disk.
    vi.stubGlobal('fetch', () => Promise.reject(new Error('offline')));
    setExportReader(diskReader);
    downloads = captureDownloads();
  });
  afterEach(() => {
    cleanup();
    setExportReader(null);
    restoreUrl();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('PyTorch script: the nn.Module and the training loop, named from the graph', async () => {
    replaceDoc(xorDoc(), 'open');
    render(<FileMenu />);
    openMenuAndChoose('PyTorch script (.py)');
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toBe('xor_with_one_hidden_layer.py');
    const py = new TextDecoder().decode(await bytesOf(downloads[0].blob));
    expect(py).toMatch(/class \w+\(nn\.Module\):/);
    expect(py).toMatch(/def forward\(self/);
    for (const line of ['model.train()', 'optimizer.zero_grad()', 'loss.backward()', 'optimizer.step()', 'model.eval()', 'torch.no_grad()']) {
      expect(py).toContain(line);
    }
    expect(docStore.getState().status).toMatchObject({ kind: 'info', text: 'Exported xor_with_one_hidden_layer.py' });
  });

  it('ONNX model: the trained weights the training side flushes, computing what wiregrad predicts', async () => {
    const doc = xorDoc();
    replaceDoc(doc, 'open');
    const session = await openSession(doc);
    try {
      const seeded = await session.executor.predict(session.data.train, 'prob');
      await session.train(60);
      const trained = await session.executor.getParams();
      // The training side writes its latest weights into the document just before a file is made.
      const unregister = onBeforeSave(() => setParams(trained));
      try {
        render(<FileMenu />);
        openMenuAndChoose('ONNX model (.onnx)…');
        const dialog = screen.getByRole('dialog', { name: 'Export an ONNX model' });
        expect((within(dialog).getByRole('combobox', { name: 'Export up to' }) as HTMLSelectElement).value).toBe('');
        fireEvent.click(within(dialog).getByRole('button', { name: 'Export ONNX' }));
        await waitFor(() => expect(downloads).toHaveLength(1));
      } finally {
        unregister();
      }
      expect(downloads[0].name).toBe('xor_with_one_hidden_layer.onnx');
      const rows = session.data.train;
      const columns = session.plan.sources.find((s) => s.node === 'x')?.columns ?? [];
      const got = await runOnnx(await bytesOf(downloads[0].blob), inputTensor(rows, columns));
      const want = await session.executor.predict(rows, 'prob');
      expect(got).toHaveLength(want.length);
      got.forEach((v, k) => expect(Math.abs(v - want[k]), `prob[${k}]`).toBeLessThanOrEqual(1e-5));
      // Not the seeded weights: the file carries what training reached.
      expect(Array.from(want).some((v, k) => Math.abs(v - seeded[k]) > 1e-3)).toBe(true);
    } finally {
      session.dispose();
    }
  });

  it('ONNX model up to a chosen node returns that node', async () => {
    const doc = xorDoc();
    replaceDoc(doc, 'open');
    render(<FileMenu />);
    openMenuAndChoose('ONNX model (.onnx)…');
    const dialog = screen.getByRole('dialog', { name: 'Export an ONNX model' });
    const upTo = within(dialog).getByRole('combobox', { name: 'Export up to' }) as HTMLSelectElement;
    // Losses and Targets are no place to end a model.
    expect(Array.from(upTo.options).map((o) => o.value)).toEqual(['', 'x', 'hidden', 'act', 'out', 'prob']);
    fireEvent.change(upTo, { target: { value: 'act' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export ONNX' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const session = await openSession(doc);
    try {
      const rows = session.data.train;
      const got = await runOnnx(await bytesOf(downloads[0].blob), inputTensor(rows, [0, 1]));
      const want = await session.executor.predict(rows, 'act');
      expect(got.length).toBe(rows.n * 4);
      got.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThanOrEqual(1e-5));
    } finally {
      session.dispose();
    }
  });

  it('a graph without a loss: the PyTorch export is refused with its places, nothing downloaded, nothing changed', async () => {
    const xor = xorDoc();
    const noLoss: GraphDoc = { ...xor, nodes: xor.nodes.filter((n) => n.id !== 'loss'), edges: xor.edges.filter((e) => e.target !== 'loss') };
    replaceDoc(noLoss, 'open');
    const before = docStore.getState().doc;
    render(
      <>
        <FileMenu />
        <RefusalDialog />
      </>,
    );
    openMenuAndChoose('PyTorch script (.py)');
    const dialog = await screen.findByRole('dialog', { name: 'Could not export the PyTorch script' });
    const problems = within(dialog).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(/loss/i);
    expect(within(dialog).getByText(/Nothing was downloaded/)).toBeTruthy();
    expect(downloads).toEqual([]);
    expect(docStore.getState().doc).toBe(before);
    expect(docStore.getState().status).toMatchObject({ kind: 'error', text: expect.stringMatching(/^Could not export the PyTorch script/) });
  });

  it('Graph JSON saves the graph file', async () => {
    replaceDoc(xorDoc(), 'open');
    render(<FileMenu />);
    openMenuAndChoose('Graph JSON (.json)');
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toBe('XOR-with-one-hidden-layer.json');
    const r = loadForEditor(new TextDecoder().decode(await bytesOf(downloads[0].blob)));
    expect(r.ok && r.value.nodes.map((n) => n.id)).toEqual(['x', 'hidden', 'act', 'out', 'prob', 'y', 'loss']);
  });

  it('works from the keyboard: arrows open and move, Escape closes back to the button', () => {
    render(<FileMenu />);
    const button = screen.getByRole('button', { name: 'Export' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    button.focus();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    const menu = screen.getByRole('menu', { name: 'Export as' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual(['PyTorch script (.py)', 'ONNX model (.onnx)…', 'Graph JSON (.json)']);
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement).toBe(items[2]);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
