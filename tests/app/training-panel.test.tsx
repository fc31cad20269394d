// @vitest-environment jsdom
// The training panel's controls, over the real trainer and session on the CPU (in-process instead of a Web Worker:
// jsdom has no workers; the message protocol is the same).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TrainingPanel } from '../../app/training/TrainingPanel';
import { chooseBackend, setWorkerFactory, stopTraining } from '../../app/training/controller';
import type { WorkerLike } from '../../app/training/client';
import { Trainer } from '../../app/training/trainer';
import { sessionOpener } from '../../app/training/openSession';
import type { FromWorker, ToWorker } from '../../app/training/protocol';
import { useTraining } from '../../app/training/trainingStore';
import { docStore, resetDocStore } from '../../app/store';
import type { GraphDoc } from '../../engine/graph/types';
import { diskReader, example } from './training-helpers';

class InProcessWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  private readonly trainer = new Trainer(sessionOpener(diskReader), (msg) => {
    // Like postMessage: delivered later, on the receiving side's own turn.
    setTimeout(() => this.onmessage?.({ data: msg } as MessageEvent<FromWorker>), 0);
  });
  postMessage(msg: ToWorker): void {
    void this.trainer.handle(msg);
  }
  terminate(): void {
    void this.trainer.handle({ type: 'pause' });
  }
}

// The CPU here: WebGPU has its own tests (engine, device loss, and the browser end-to-end run).
function start(doc: GraphDoc, backend: 'cpu' | 'auto' = 'cpu') {
  resetDocStore(doc);
  setWorkerFactory(() => new InProcessWorker());
  chooseBackend(backend);
  const user = userEvent.setup();
  render(<TrainingPanel />);
  return user;
}

const training = () => docStore.getState().doc.training ?? {};
const steps = () => Number(screen.getByTestId('step-count').textContent?.replace(/,/g, ''));

beforeEach(() => {
  useTraining.setState({ status: 'idle', backend: null });
});
afterEach(() => {
  stopTraining();
  cleanup();
});

describe('training panel', () => {
  test('shows which backend runs, plays XOR to 100% accuracy, pauses, and writes the trained weights into the document', async () => {
    const user = start(example('xor-mlp'));
    expect((screen.getByRole('combobox', { name: 'backend' }) as HTMLSelectElement).value).toBe('cpu');
    await waitFor(() => expect(screen.getByTestId('backend-running').textContent).toBe('runs on CPU'));
    expect(docStore.getState().doc.nodes.find((n) => n.id === 'hidden')?.params).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Play: train' }));
    await waitFor(() => expect(screen.getByTestId('accuracy').textContent).toBe('100%'), { timeout: 20000 });
    await user.click(screen.getByRole('button', { name: 'Pause training' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Play: train' })).toBeTruthy());
    await waitFor(() => expect(docStore.getState().doc.nodes.find((n) => n.id === 'hidden')?.params?.weight).toBeDefined());
    expect(steps()).toBeGreaterThan(0);
  });

  test('changing a setting while training recompiles and carries on training', async () => {
    const user = start(example('xor-mlp'));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Play: train' })).toHaveProperty('disabled', false));
    await user.click(screen.getByRole('button', { name: 'Play: train' }));
    await waitFor(() => expect(steps()).toBeGreaterThan(0));
    const lr = screen.getByRole('spinbutton', { name: 'learning rate' });
    await user.clear(lr);
    await user.type(lr, '0.02');
    expect(training().optimizer).toMatchObject({ lr: 0.02 });
    // The new session trains on: its step count climbs again after the reload.
    await waitFor(() => expect(useTraining.getState().status).toBe('running'), { timeout: 10000 });
    await waitFor(() => expect(steps()).toBeGreaterThan(0), { timeout: 10000 });
    await user.click(screen.getByRole('button', { name: 'Pause training' }));
    await waitFor(() => expect(useTraining.getState().status).toBe('paused'), { timeout: 10000 });
  });

  test('one step takes exactly one step; reset re-initialises the weights from the seed and starts at 0', async () => {
    const user = start(example('xor-mlp'));
    await waitFor(() => expect(screen.getByRole('button', { name: 'One step' })).toHaveProperty('disabled', false));
    await user.click(screen.getByRole('button', { name: 'One step' }));
    await waitFor(() => expect(steps()).toBe(1));
    await user.click(screen.getByRole('button', { name: 'One step' }));
    await waitFor(() => expect(steps()).toBe(2));
    await waitFor(() => expect(docStore.getState().doc.nodes.find((n) => n.id === 'out')?.params).toBeDefined());
    await user.click(screen.getByRole('button', { name: 'Reset weights' }));
    expect(docStore.getState().doc.nodes.every((n) => n.params === undefined)).toBe(true);
    await waitFor(() => expect(steps()).toBe(0));
  });

  test('settings write into the document’s training: data set, noise, split, batch size, optimiser, learning rate, momentum', async () => {
    const user = start(example('xor-mlp'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'data set' }), 'circle');
    expect(training().data).toEqual({ builtin: 'circle', samples: 200, noise: 0.1 });
    const samples = screen.getByRole('spinbutton', { name: 'samples' });
    await user.clear(samples);
    await user.type(samples, '120');
    expect(training().data).toMatchObject({ samples: 120 });
    fireEvent.change(screen.getByRole('slider', { name: 'noise' }), { target: { value: '0.25' } });
    expect(training().data).toMatchObject({ samples: 120, noise: 0.25 });
    fireEvent.change(screen.getByRole('slider', { name: 'test split' }), { target: { value: '0.2' } });
    expect(training().split).toEqual({ test: 0.2 });
    await user.selectOptions(screen.getByRole('combobox', { name: 'optimiser' }), 'sgd');
    const lr = screen.getByRole('spinbutton', { name: 'learning rate' });
    await user.clear(lr);
    await user.type(lr, '0.3');
    expect(training().optimizer).toMatchObject({ type: 'sgd', lr: 0.3 });
    const momentum = screen.getByRole('spinbutton', { name: 'momentum' });
    await user.clear(momentum);
    await user.type(momentum, '0.9');
    expect(training().optimizer).toMatchObject({ type: 'sgd', lr: 0.3, momentum: 0.9 });
    const batch = screen.getByRole('spinbutton', { name: 'batch size' });
    await user.clear(batch);
    await user.type(batch, '16');
    expect(training().batchSize).toBe(16);
    // A new data set (200 → 120 points) reaches the worker: the boundary shows the new points.
    // 20% of the 120 points are held out for testing: 96 training points and 24 test points on the map.
    await waitFor(() => expect(useTraining.getState().boundary?.points.length).toBe(96 * 3));
    expect(useTraining.getState().boundary?.testPoints.length).toBe(24 * 3);
    await user.selectOptions(screen.getByRole('combobox', { name: 'optimiser' }), 'adam');
    expect(training().optimizer).toEqual({ type: 'adam', lr: 0.3 });
  });

  test('a pasted CSV with chosen x and y columns becomes the graph’s inline data', async () => {
    const user = start(example('xor-mlp'));
    await user.click(screen.getByRole('button', { name: 'Use your own CSV…' }));
    const csv = screen.getByRole('group', { name: 'Your own CSV' });
    await user.click(within(csv).getByRole('textbox', { name: 'paste CSV' }));
    await user.paste('id,a,b,label\n1,0,0,no\n2,0,1,yes\n3,1,0,yes\n4,1,1,no\n');
    await user.click(within(csv).getByRole('button', { name: 'Read CSV' }));
    await user.click(within(csv).getByRole('checkbox', { name: 'x column id' }));
    await user.click(within(csv).getByRole('button', { name: 'Use this data' }));
    expect(training().data).toEqual({ inline: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] } });
  });

  test('a diverging learning rate pauses training, says where, marks it on the canvas, and offers to restore the last good weights', async () => {
    const doc = example('weight-sharing');
    const user = start({ ...doc, training: { ...doc.training, optimizer: { type: 'sgd', lr: 1000 } } });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Play: train' })).toHaveProperty('disabled', false));
    await user.click(screen.getByRole('button', { name: 'Play: train' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 20000 });
    expect(alert.textContent).toMatch(/became NaN or infinite, first (on edge|at the output of node) \w+/);
    const marks = docStore.getState().marks.training ?? [];
    expect(marks).toHaveLength(1);
    expect(marks[0].message).toMatch(/NaN or Inf/);
    await user.click(within(alert).getByRole('button', { name: 'Restore last good weights' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(docStore.getState().marks.training).toBeUndefined();
    const w = docStore.getState().doc.nodes.find((n) => n.id === 'w')?.params?.value;
    expect(Number.isFinite(Number(w))).toBe(true);
  });
});
