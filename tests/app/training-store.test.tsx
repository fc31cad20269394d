// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useEdgeNonFinite, useEdgeProbe, useEdgeWidth } from '../../app/training/useEdgeProbe';
import { labelContent, labelText } from '../../app/training/labelContent';
import { training, useTraining, type EdgeProbe } from '../../app/training/trainingStore';
import type { SnapshotMsg } from '../../app/training/protocol';

const renders: Record<string, number> = {};

function Label({ id }: { id: string }) {
  const probe = useEdgeProbe(id);
  renders[id] = (renders[id] ?? 0) + 1;
  const content = probe && labelContent(probe);
  return <div data-testid={id}>{content ? labelText(content) : 'no probe'}</div>;
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

describe('training store: each edge subscriber gets its own probe', () => {
  test('a snapshot of one edge re-renders that edge\'s subscriber only', () => {
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

  test('a label shows numbers for a few elements of the first batch row, a strip of cells for wide tensors', () => {
    act(() =>
      training.ingestSnapshot({
        ...snap(1, { small: [0.5, -0.25, 9, 9], wide: Array.from({ length: 16 }, (_, i) => i - 8), huge: Array.from({ length: 30 }, (_, i) => i) }, 2),
      }),
    );
    const probe = (id: string) => useTraining.getState().probes[id] as EdgeProbe;
    expect(labelContent(probe('small'))).toEqual({ kind: 'numbers', value: '[0.5, −0.25]', grad: '[−0.05, 0.025]' });
    const wide = labelContent(probe('wide'));
    // 8 features in the first row: 8 value cells, scaled by the largest |x| among them, and 8 gradient cells.
    expect(wide?.kind === 'strip' && [...wide.value.cells]).toEqual([-8, -7, -6, -5, -4, -3, -2, -1]);
    expect(wide?.kind === 'strip' && [wide.value.max, wide.value.more, wide.grad?.cells.length]).toEqual([8, 0, 8]);
    expect(labelText(wide!)).toBe('8 elements: −8 to −1, ∇ 0.1 to 0.8');
    // Past 24 cells the rest is counted, not drawn (here one row of 30).
    const huge = labelContent({ ...probe('huge'), shape: [1, 30], rows: 1 });
    expect(huge?.kind === 'strip' && [huge.value.cells.length, huge.value.more]).toEqual([24, 6]);
    expect(labelText(huge!)).toMatch(/^30 elements \(first 24 drawn\): 0 to 23/);
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

  test('the non-finite edge is flagged to its own edge only, and snapshots do not re-render the flags', () => {
    const count: Record<string, number> = {};
    const flag: Record<string, string | null> = {};
    function L({ id }: { id: string }) {
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
    act(() => training.ingestSnapshot(snap(1, { a: [1], b: [2] })));
    expect(count).toEqual({ a: 1, b: 1 });
    act(() => useTraining.setState({ nonFinite: { step: 3, edge: 'b', which: 'grad' } }));
    expect(flag).toEqual({ a: null, b: 'grad' });
    expect(count).toEqual({ a: 1, b: 2 });
  });

  test('while running, the step counter follows progress messages, not snapshots', () => {
    act(() => useTraining.setState({ status: 'running', step: 10 }));
    act(() => training.ingestSnapshot(snap(12, { e: [1] })));
    expect(useTraining.getState().step).toBe(10);
    act(() => useTraining.setState({ status: 'paused' }));
    act(() => training.ingestSnapshot(snap(13, { e: [1] })));
    expect(useTraining.getState().step).toBe(13);
  });
});
