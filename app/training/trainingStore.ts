// Training state for the view: probes, curves, status. Lives outside React Flow's nodes and edges so a
// snapshot re-renders only the labels that subscribe to their own edge (see useEdgeProbe).
import { create } from 'zustand';
import type { BackendChoice, BackendKind } from '../../engine/executor';
import type { GraphIssue } from '../../engine/graph/types';
import type { BoundaryMsg, EdgeProbeMsg, NonFiniteMsg, SnapshotMsg } from './protocol';

/** One edge's latest probe; a new object per snapshot, so subscribers compare by identity (= version). */
export interface EdgeProbe extends EdgeProbeMsg {
  version: number;
  step: number;
}

/** Recent steps of one edge: the first batch row's first few elements, value and gradient. */
export interface EdgeHistory {
  steps: number[];
  value: number[][];
  grad: number[][];
}

export type Status = 'idle' | 'running' | 'paused' | 'error';
export type EdgeWidthMode = 'off' | 'value' | 'grad';

export interface Curves {
  version: number;
  steps: number[];
  loss: number[];
  testSteps: number[];
  testLoss: number[];
  accSteps: number[];
  accuracy: (number | null)[];
  testAccuracy: (number | null)[];
}

export interface TrainingState {
  status: Status;
  /** What the user asked for (auto / webgpu / cpu); `backend` is what runs. */
  backendChoice: BackendChoice;
  backend: BackendKind | null;
  backendNote: string | null;
  step: number;
  stepsPerSec: number;
  accuracy: number | null;
  testAccuracy: number | null;
  classification: boolean;
  hasBoundary: boolean;
  issues: GraphIssue[];
  error: string | null;
  nonFinite: NonFiniteMsg | null;
  probes: Record<string, EdgeProbe>;
  history: Record<string, EdgeHistory>;
  /** Largest mean |value| and mean |gradient| over the edges in the latest snapshot (edge width scale). */
  scale: { value: number; grad: number };
  curves: Curves;
  boundary: BoundaryMsg | null;
  edgeWidth: EdgeWidthMode;
  showLabels: boolean;
  /** The trained parameters from the worker, by `${node}.${name}`, when they last came back. */
  params: { step: number; values: Record<string, Float32Array> } | null;
}

export const HISTORY_LENGTH = 200;
const HISTORY_ELEMENTS = 4;
const MAX_CURVE_POINTS = 4000;

function emptyCurves(): Curves {
  return { version: 0, steps: [], loss: [], testSteps: [], testLoss: [], accSteps: [], accuracy: [], testAccuracy: [] };
}

function initialState(): TrainingState {
  return {
    status: 'idle',
    backendChoice: 'auto',
    backend: null,
    backendNote: null,
    step: 0,
    stepsPerSec: 0,
    accuracy: null,
    testAccuracy: null,
    classification: false,
    hasBoundary: false,
    issues: [],
    error: null,
    nonFinite: null,
    probes: {},
    history: {},
    scale: { value: 0, grad: 0 },
    curves: emptyCurves(),
    boundary: null,
    edgeWidth: 'off',
    showLabels: true,
    params: null,
  };
}

export const useTraining = create<TrainingState>()(() => initialState());

let probeVersion = 0;

function meanAbs(a: Float32Array | null): number {
  if (!a || a.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]);
  return s / a.length;
}

function firstRow(p: EdgeProbeMsg, a: Float32Array): number[] {
  const row = p.rows > 0 ? a.length / p.rows : a.length;
  const out: number[] = [];
  for (let i = 0; i < Math.min(row, HISTORY_ELEMENTS); i++) out.push(a[i]);
  return out;
}

function pushHistory(prev: EdgeHistory | undefined, step: number, p: EdgeProbeMsg): EdgeHistory {
  const h: EdgeHistory = prev
    ? { steps: prev.steps.slice(), value: prev.value.slice(), grad: prev.grad.slice() }
    : { steps: [], value: [], grad: [] };
  if (h.steps.length > 0 && h.steps[h.steps.length - 1] === step) return prev ?? h;
  h.steps.push(step);
  h.value.push(firstRow(p, p.value));
  h.grad.push(p.grad ? firstRow(p, p.grad) : []);
  if (h.steps.length > HISTORY_LENGTH) {
    h.steps.shift();
    h.value.shift();
    h.grad.shift();
  }
  return h;
}

/** Keeps every other point once a curve gets long: the chart stays cheap over a million steps. */
function decimate(c: Curves): void {
  if (c.steps.length <= MAX_CURVE_POINTS) return;
  c.steps = c.steps.filter((_, i) => i % 2 === 0);
  c.loss = c.loss.filter((_, i) => i % 2 === 0);
}

export const training = {
  reset(): void {
    const { edgeWidth, showLabels, backendChoice } = useTraining.getState();
    useTraining.setState({ ...initialState(), edgeWidth, showLabels, backendChoice });
  },

  /** A new snapshot: only the edges it contains get new probe objects; other edges keep theirs. */
  ingestSnapshot(s: SnapshotMsg): void {
    const st = useTraining.getState();
    const probes = { ...st.probes };
    const history = { ...st.history };
    let maxV = 0;
    let maxG = 0;
    for (const [id, p] of Object.entries(s.edges)) {
      probes[id] = { ...p, version: ++probeVersion, step: s.step };
      history[id] = pushHistory(st.history[id], s.step, p);
      maxV = Math.max(maxV, meanAbs(p.value));
      maxG = Math.max(maxG, meanAbs(p.grad));
    }
    // While running, the step counter follows the progress messages alone: moving it on snapshots too would re-lay out
    // and repaint the training panel half as often again (bench/editor-fps.ts).
    const step = st.status === 'running' ? st.step : Math.max(st.step, s.step);
    useTraining.setState({ probes, history, scale: { value: maxV, grad: maxG }, step });
  },

  ingestProgress(m: {
    step: number;
    losses: Float32Array;
    testLoss: number | null;
    accuracy: number | null;
    testAccuracy: number | null;
    stepsPerSec: number;
    running: boolean;
  }): void {
    const st = useTraining.getState();
    const c: Curves = {
      ...st.curves,
      version: st.curves.version + 1,
      steps: st.curves.steps.slice(),
      loss: st.curves.loss.slice(),
    };
    for (let i = 0; i + 1 < m.losses.length; i += 2) {
      c.steps.push(m.losses[i]);
      c.loss.push(m.losses[i + 1]);
    }
    decimate(c);
    if (m.testLoss !== null) {
      c.testSteps = [...c.testSteps, m.step];
      c.testLoss = [...c.testLoss, m.testLoss];
    }
    if (m.accuracy !== null || m.testAccuracy !== null) {
      c.accSteps = [...c.accSteps, m.step];
      c.accuracy = [...c.accuracy, m.accuracy];
      c.testAccuracy = [...c.testAccuracy, m.testAccuracy];
    }
    const status: Status = m.running ? 'running' : st.status === 'error' ? 'error' : 'paused';
    useTraining.setState({
      curves: c,
      step: m.step,
      stepsPerSec: m.stepsPerSec,
      accuracy: m.accuracy,
      testAccuracy: m.testAccuracy,
      status,
    });
  },
};

/** The probe of one edge, or undefined. Re-renders its subscriber only when that edge gets a new snapshot. */
export function selectProbe(edgeId: string): (s: TrainingState) => EdgeProbe | undefined {
  return (s) => s.probes[edgeId];
}

/** The first batch row of a probe's value or gradient (the whole tensor when it has no batch dimension). */
export function rowOf(p: EdgeProbeMsg, a: Float32Array, row: number): Float32Array {
  if (p.rows === 0) return a;
  const width = a.length / p.rows;
  const r = Math.min(Math.max(row, 0), p.rows - 1);
  return a.subarray(r * width, (r + 1) * width);
}
