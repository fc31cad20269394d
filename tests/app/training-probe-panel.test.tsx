// @vitest-environment jsdom
// The selected edge's complete probe: value and gradient of the chosen batch row, histograms, recent steps.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { EdgeProbePanel } from '../../app/training/EdgeProbePanel';
import { training } from '../../app/training/trainingStore';
import { resetDocStore } from '../../app/store';
import { example } from './training-helpers';

beforeEach(() => {
  training.reset();
  resetDocStore(example('xor-mlp'));
});
afterEach(cleanup);

const cells = (name: string) => Array.from(screen.getByRole('table', { name }).querySelectorAll('td')).map((td) => td.textContent);

test('shows the chosen batch row of value and gradient, a histogram of each, and both over recent steps', () => {
  render(<EdgeProbePanel edgeId="e1" />);
  expect(screen.getByText(/No values yet/)).toBeTruthy();
  const snap = (step: number) => ({
    step,
    loss: 0.5,
    edges: {
      e1: {
        shape: [4, 2],
        rows: 4,
        value: Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1].map((v) => v * step)),
        grad: Float32Array.from([0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8]),
      },
    },
  });
  act(() => training.ingestSnapshot(snap(1)));
  act(() => training.ingestSnapshot(snap(2)));
  expect(cells('value')).toEqual(['0', '0']);
  expect(cells('gradient ∂L/∂(this edge)')).toEqual(['0.1', '−0.2']);
  fireEvent.change(screen.getByRole('spinbutton', { name: /batch row/ }), { target: { value: '3' } });
  expect(cells('value')).toEqual(['2', '2']);
  expect(cells('gradient ∂L/∂(this edge)')).toEqual(['0.7', '−0.8']);
  expect(screen.getByRole('img', { name: /value histogram from 0 to 2/ })).toBeTruthy();
  expect(screen.getByRole('img', { name: /gradient histogram from −0.8 to 0.7/ })).toBeTruthy();
  expect(screen.getByRole('img', { name: 'value over steps 1 to 2' })).toBeTruthy();
  expect(screen.getByRole('img', { name: 'gradient over steps 1 to 2' })).toBeTruthy();
});

test('an edge into a loss target says it has no gradient', () => {
  render(<EdgeProbePanel edgeId="e6" />);
  act(() => training.ingestSnapshot({ step: 1, loss: 0.3, edges: { e6: { shape: [4, 1], rows: 4, value: Float32Array.from([0, 1, 1, 0]), grad: null } } }));
  expect(screen.getByText(/No gradient flows into a loss's target/)).toBeTruthy();
});
