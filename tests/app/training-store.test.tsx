// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useEdgeLabelProbe, useEdgeNonFinite, useEdgeProbe, useEdgeWidth } from '../../app/training/useEdgeProbe';
import { EdgeLabel } from '../../app/training/EdgeLabel';
import { training, useTraining } from '../../app/training/trainingStore';
import type { SnapshotMsg } from '../../app/training/protocol';

const renders: Record<string, number> = {};

function Label({ id }: { id: string }) {
  const probe = useEdgeProbe(id);
  renders[id] = (renders[id] ?? 0) + 1;
  return <div data-testid={id}>{probe ? <EdgeLabel probe={probe} /> : 'no probe'}</div>;
}

function snap(step: number, edges: Record<string, number[]>, rows = 1): SnapshotMsg {
  return {
    step,
    loss: 0.5,
    edges: Object.fromEntries(
      Object.entries(edges).map(([id, v]) => [
        id,
        { shape: [rows, v.length / rows], rows, value: Float32Array.from(v), grad: Float32Array.from(v.map((x) => -x / 10)) },
      ]),
    ),
  };
}

beforeEach(() => {
  training.reset();
  for (const k of Object.keys(renders)) delete renders[k];
});
afterEach(cleanup);

describe('training store: each edge label subscribes to its own probe', () => {
  test('a snapshot of one edge re-renders that label only', () => {
    render(
      <>
        <Label id="e1" />
        <Label id="e2" />
        <Label id="e3" />
      </>,
    );
    expect(renders).toEqual({ e1: 1, e2: 1, e3: 1 });
    act(() => training.ingestSnapshot(snap(1, { e1: [0.73] })));
    expect(renders).toEqual({ e1: 2, e2: 1, e3: 1 });
    expect(screen.getByTestId('e1').textContent).toBe('0.73 ∇−0.073');
    expect(screen.getByTestId('e2').textContent).toBe('no probe');
  });

  test('a snapshot updates every subscribed label exactly once, whatever else changes in the store', () => {
    render(
      <>
        <Label id="e1" />
        <Label id="e2" />
      </>,
    );
    act(() => training.ingestSnapshot(snap(1, { e1: [1], e2: [2] })));
    expect(renders).toEqual({ e1: 2, e2: 2 });
    act(() => useTraining.setState({ stepsPerSec: 1234, step: 99 }));
    act(() => training.ingestProgress({ step: 100, losses: Float32Array.from([99, 0.3]), testLoss: null, accuracy: 1, testAccuracy: null, stepsPerSec: 5, running: true }));
    expect(renders).toEqual({ e1: 2, e2: 2 });
    act(() => training.ingestSnapshot(snap(2, { e2: [3] })));
    expect(renders).toEqual({ e1: 2, e2: 3 });
    expect(screen.getByTestId('e2').textContent).toBe('3 ∇−0.3');
  });

  test('numbers for a few elements of the first batch row; a strip of cells for wide tensors', () => {
    render(
      <>
        <Label id="small" />
        <Label id="wide" />
      </>,
    );
    act(() =>
      training.ingestSnapshot({
        ...snap(1, { small: [0.5, -0.25, 9, 9], wide: Array.from({ length: 16 }, (_, i) => i - 8) }, 2),
      }),
    );
    expect(screen.getByTestId('small').textContent).toBe('[0.5, −0.25] ∇[−0.05, 0.025]');
    const strip = screen.getByTestId('wide');
    // 8 features in the first row: 8 value cells above, 8 gradient cells below, drawn as colour stops of one bar.
    const value = strip.querySelector('.wg-strip--value .wg-strip-bar') as HTMLElement;
    const grad = strip.querySelector('.wg-strip--grad .wg-strip-bar') as HTMLElement;
    expect(value.dataset.cells).toBe('8');
    expect(grad.dataset.cells).toBe('8');
    const colours = value.style.backgroundImage.match(/rgb\(\d+, \d+, \d+\)/g) ?? [];
    expect(colours).toHaveLength(8);
    // -8 (most negative) is saturated red; -1 is paler.
    expect(colours[0]).toBe('rgb(202, 62, 56)');
    expect(colours[7]).not.toBe(colours[0]);
  });

  test('losses accumulate into the curves; recent steps are kept per edge for the inspector', () => {
    act(() => training.ingestProgress({ step: 2, losses: Float32Array.from([0, 0.9, 1, 0.8]), testLoss: 0.85, accuracy: 0.5, testAccuracy: 0.25, stepsPerSec: 10, running: true }));
    for (let s = 1; s <= 5; s++) act(() => training.ingestSnapshot(snap(s, { e: [s] })));
    const st = useTraining.getState();
    expect(st.curves.steps).toEqual([0, 1]);
    expect(st.curves.loss.map((x) => Math.round(x * 10) / 10)).toEqual([0.9, 0.8]);
    expect(st.curves.testLoss).toEqual([0.85]);
    expect(st.status).toBe('running');
    expect(st.history.e.steps).toEqual([1, 2, 3, 4, 5]);
    expect(st.history.e.value.map((r) => r[0])).toEqual([1, 2, 3, 4, 5]);
  });

  test('edge width follows |value| or |gradient| relative to the largest edge, and is off by default', () => {
    const seen: Record<string, number | null> = {};
    function W({ id }: { id: string }) {
      seen[id] = useEdgeWidth(id);
      return null;
    }
    render(
      <>
        <W id="big" />
        <W id="small" />
      </>,
    );
    act(() => training.ingestSnapshot(snap(1, { big: [4], small: [1] })));
    expect(seen).toEqual({ big: null, small: null });
    act(() => useTraining.setState({ edgeWidth: 'value' }));
    expect(seen.big).toBe(8);
    // 1 px + 7 px × (1 / 4), to the nearest half pixel.
    expect(seen.small).toBe(3);
    act(() => useTraining.setState({ edgeWidth: 'grad' }));
    expect(seen.big).toBe(8);
    act(() => useTraining.setState({ edgeWidth: 'off' }));
  });

  test('hidden labels do not re-render on snapshots; the non-finite edge is flagged to its own edge only', () => {
    const count: Record<string, number> = {};
    const flag: Record<string, string | null> = {};
    function L({ id }: { id: string }) {
      useEdgeLabelProbe(id);
      flag[id] = useEdgeNonFinite(id);
      count[id] = (count[id] ?? 0) + 1;
      return null;
    }
    render(
      <>
        <L id="a" />
        <L id="b" />
      </>,
    );
    act(() => useTraining.setState({ showLabels: false }));
    act(() => training.ingestSnapshot(snap(1, { a: [1], b: [2] })));
    expect(count).toEqual({ a: 1, b: 1 });
    act(() => useTraining.setState({ nonFinite: { step: 3, edge: 'b', which: 'grad' } }));
    expect(flag).toEqual({ a: null, b: 'grad' });
    expect(count).toEqual({ a: 1, b: 2 });
    act(() => useTraining.setState({ showLabels: true }));
  });
});
