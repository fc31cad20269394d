// @vitest-environment jsdom
// Step-through backprop on the lecture's weight-sharing example: one shared w on two paths.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { runStepThrough } from '../../app/stepthrough/run';
import { StepThroughBar, setStepThroughReader } from '../../app/stepthrough/StepThroughBar';
import { stepThrough, useStepThrough } from '../../app/stepthrough/stepStore';
import { resetDocStore, setLabel } from '../../app/store';
import { diskReader as nodeDatasetReader, example as loadExample } from './training-helpers';

// x = [[1,2],[2,-1],[0,1],[-1,-3]], y = [9,3,3,-12], w = 0.5, L = mean((w·x1 + w·x2 − y)²).
// ∂L/∂pred = 2(pred − y)/4 = [−3.75, −1.25, −1.25, 5]; path 1: Σ ∂L/∂pred·x1 = −11.25; path 2: Σ ∂L/∂pred·x2 = −22.5.

beforeEach(() => {
  resetDocStore(loadExample('weight-sharing'));
  setStepThroughReader(nodeDatasetReader);
  stepThrough.exit();
});
afterEach(cleanup);

describe('step-through backprop', () => {
  test('walks backward from the loss, one node at a time, and ends with the shared weight as the sum over its paths', async () => {
    const r = await runStepThrough(loadExample('weight-sharing'), nodeDatasetReader);
    if (!r.ok) throw new Error(r.error);
    const { frames } = r;
    expect(frames[0]).toMatchObject({ kind: 'backward', node: 'loss', edges: ['e7'] });
    // ∂L/∂L = 1 times ∂L/∂pred (first row) = −3.75.
    expect(frames[0].products.e7).toEqual({ upstream: '1', local: '−3.75', result: '−3.75' });
    expect(frames[1]).toMatchObject({ node: 'add', edges: ['e5', 'e6'] });
    expect(frames[1].products.e5).toMatchObject({ upstream: '−3.75', local: '1', result: '−3.75' });
    // Every edge with a gradient is computed exactly once, after the edges downstream of it.
    const order = frames.filter((f) => f.kind === 'backward').flatMap((f) => f.edges);
    expect(order.sort()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    const share = frames.find((f) => f.kind === 'sum' && f.node === 'w');
    expect(share?.edges.sort()).toEqual(['e2', 'e4']);
    expect(share?.terms?.map((t) => t[0]).sort((a, b) => a - b)).toEqual([-22.5, -11.25]);
    expect(share?.total?.[0]).toBeCloseTo(-33.75, 5);
    expect(frames.indexOf(share!)).toBeGreaterThan(frames.findIndex((f) => f.node === 'm1'));
    expect(frames.indexOf(share!)).toBeGreaterThan(frames.findIndex((f) => f.node === 'm2'));
  });

  test('edges show pending, current (with the chain-rule product) and done as the student steps with buttons and keys', async () => {
    const user = userEvent.setup();
    render(<StepThroughBar />);
    await user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    await waitFor(() => expect(screen.getByTestId('step-title').textContent).toMatch(/Forward pass done/));
    const view = (edge: string) => {
      const s = useStepThrough.getState();
      return s.views[s.index + 1][edge];
    };
    expect(view('e7').state).toBe('pending');
    expect(view('e8').state).toBe('nograd');
    await user.click(screen.getByRole('button', { name: 'Next backward step' }));
    expect(screen.getByTestId('step-title').textContent).toBe('Backward through MSELoss loss');
    expect(view('e7')).toMatchObject({ state: 'current', product: { upstream: '1', result: '−3.75' } });
    expect(view('e5').state).toBe('pending');
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n' }));
    });
    expect(view('e7').state).toBe('done');
    expect(view('e5').state).toBe('current');
    await user.click(screen.getByRole('button', { name: 'Back one backward step' }));
    expect(view('e7').state).toBe('current');
    const total = useStepThrough.getState().frames.length;
    for (let i = 0; i < total; i++) await user.click(screen.getByRole('button', { name: 'Next backward step' }));
    expect(screen.getByTestId('step-title').textContent).toMatch(/Fan-out at w: its gradient is the sum over its 2 paths/);
    expect(screen.getByTestId('step-lines').textContent).toMatch(/∂L\/∂w = .* \+ .* = −33\.\d/);
    expect(view('e2')).toMatchObject({ state: 'current' });
    expect(view('e4')).toMatchObject({ state: 'current' });
    await user.click(screen.getByRole('button', { name: 'Leave step-through' }));
    expect(useStepThrough.getState().active).toBe(false);
  });

  test('an edit to the graph ends the walk-through (its numbers belong to the old graph)', async () => {
    const user = userEvent.setup();
    render(<StepThroughBar />);
    await user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    await waitFor(() => expect(useStepThrough.getState().active).toBe(true));
    act(() => setLabel('m1', 'first product'));
    expect(useStepThrough.getState().active).toBe(false);
  });
});
