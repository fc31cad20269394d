// The editor's side of the training worker: sends the doc and commands, pulls snapshots at display rate (never more
// than one in flight, so training never waits for the view), and feeds replies into the training store.
import type { BackendChoice } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import type { FromWorker, ToWorker } from './protocol';
import { training, useTraining } from './trainingStore';
import { viewCost } from './viewCost';

/** At most this many snapshots per second while training (each is one label update per edge). */
export const PULL_HZ = 15;
/**
 * The share of one core the view may spend showing snapshots (its measured main-thread time; compositing comes on
 * top): a view slower than 2 ms per snapshot is pulled less often, so the page leaves the CPU to training.
 */
export const VIEW_BUDGET = 0.03;

/** Milliseconds between pulls: 1/PULL_HZ, or longer when the view is slow. */
export function pullGap(viewMsPerSnapshot: number): number {
  return Math.max(1000 / PULL_HZ, viewMsPerSnapshot / VIEW_BUDGET);
}

export interface WorkerLike {
  postMessage(msg: ToWorker): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  terminate(): void;
}

export interface ClientHooks {
  /** Trained weights came back: write them into the document (so they save). */
  onParams(params: Record<string, Float32Array>): void;
  /** The edge the inspector shows in full (all batch rows). */
  selectedEdge(): string | null;
  /** Mark (or clear, with null) the edge where NaN/Inf first appeared. */
  onNonFinite(edge: string | null, message: string | null): void;
}

export class TrainingClient {
  private pulling = false;
  private frame: number | null = null;
  private boundaryDue = 0;
  private resume = false;
  private boundaryInFlight = false;
  private lastPull = 0;
  /** Loads sent and not yet answered: only the answer to the last one may resume training. */
  private pendingLoads = 0;
  /**
   * We asked the worker to train and did not stop it since. A 'not running' progress sent before our play reached
   * the worker (the end of the previous run) must not flip the view to paused.
   */
  private expectRunning = false;

  /** A load is waiting to resume training once ready (so a second quick change keeps it running). */
  get resumePending(): boolean {
    return this.resume;
  }

  constructor(
    private readonly worker: WorkerLike,
    private readonly hooks: ClientHooks,
  ) {
    worker.onmessage = (e) => this.receive(e.data);
  }

  /** Load `doc`; with `resume`, training starts again as soon as the new session is ready (settings changed mid-run). */
  load(doc: GraphDoc, backend: BackendChoice, resume = false): void {
    this.resume = resume;
    this.expectRunning = false;
    this.pendingLoads++;
    this.boundaryInFlight = false;
    training.reset();
    viewCost.reset();
    this.hooks.onNonFinite(null, null);
    this.send({ type: 'load', doc, backend });
  }

  play(): void {
    const s = useTraining.getState();
    if (s.nonFinite) {
      useTraining.setState({ nonFinite: null });
      this.hooks.onNonFinite(null, null);
    }
    useTraining.setState({ status: 'running' });
    this.expectRunning = true;
    this.send({ type: 'play' });
    this.startPulling();
  }

  pause(): void {
    this.expectRunning = false;
    this.send({ type: 'pause' });
  }

  step(n = 1): void {
    this.expectRunning = false;
    this.send({ type: 'step', n });
  }

  reset(doc: GraphDoc, backend: BackendChoice): void {
    this.load(doc, backend);
  }

  restore(): void {
    useTraining.setState({ nonFinite: null });
    this.hooks.onNonFinite(null, null);
    this.send({ type: 'restore' });
  }

  /** Ask for a fresh snapshot now (e.g. the selected edge changed and needs all rows). */
  refresh(): void {
    this.pull();
  }

  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.worker.terminate();
  }

  private send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  private startPulling(): void {
    if (this.frame !== null) return;
    const tick = (): void => {
      this.frame = null;
      const st = useTraining.getState();
      const running = st.status === 'running';
      // Probes only when someone looks at them, at most PULL_HZ times a second and within the view's budget: numbers
      // changing faster cannot be read, and the page's work per snapshot is CPU taken from training (bench/editor-fps.ts).
      const wanted = st.showLabels || st.edgeWidth !== 'off' || this.hooks.selectedEdge() !== null;
      if (wanted && performance.now() - this.lastPull >= pullGap(viewCost.perSnapshotMs)) this.pull();
      const t = performance.now();
      // One heat map in flight at a time, spaced so that drawing it takes at most ~1/8 of the worker's time.
      if (running && !this.boundaryInFlight && t > this.boundaryDue && useTraining.getState().hasBoundary) {
        this.boundaryInFlight = true;
        this.send({ type: 'boundary' });
      }
      if (running) this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private pull(): void {
    if (this.pulling) return;
    this.pulling = true;
    this.lastPull = performance.now();
    this.send({ type: 'pull', fullEdge: this.hooks.selectedEdge() });
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case 'ready':
        useTraining.setState({
          backend: m.backend,
          backendNote: m.note,
          hasBoundary: m.hasBoundary,
          classification: m.classification,
          issues: [],
          error: null,
          status: 'paused',
        });
        this.pendingLoads = Math.max(0, this.pendingLoads - 1);
        if (this.resume && this.pendingLoads === 0) {
          this.resume = false;
          this.play();
        }
        return;
      case 'issues':
        this.pendingLoads = Math.max(0, this.pendingLoads - 1);
        if (this.pendingLoads === 0) this.resume = false;
        useTraining.setState({ issues: m.issues, status: 'error' });
        return;
      case 'snapshot': {
        this.pulling = false;
        if (!m.snapshot) return;
        viewCost.next();
        const t0 = performance.now();
        training.ingestSnapshot(m.snapshot);
        viewCost.add(performance.now() - t0);
        return;
      }
      case 'progress':
        training.ingestProgress({ ...m, running: m.running || this.expectRunning });
        if (m.running || this.expectRunning) this.startPulling();
        return;
      case 'boundary':
        this.boundaryInFlight = false;
        this.boundaryDue = performance.now() + Math.max(400, 8 * m.boundary.costMs);
        useTraining.setState({ boundary: m.boundary });
        return;
      case 'nonFinite': {
        const { edge, which, step } = m.nonFinite;
        this.expectRunning = false;
        useTraining.setState({ nonFinite: m.nonFinite, status: 'paused' });
        this.hooks.onNonFinite(edge, `${which === 'value' ? 'a NaN or Inf value' : 'a NaN or Inf gradient'} first appeared here at step ${step}; training paused`);
        return;
      }
      case 'backend':
        useTraining.setState({ backend: m.backend, backendNote: m.note });
        return;
      case 'params':
        useTraining.setState({ params: { step: m.step, values: m.params } });
        this.hooks.onParams(m.params);
        return;
      case 'error':
        this.expectRunning = false;
        this.pendingLoads = Math.max(0, this.pendingLoads - 1);
        this.pulling = false;
        this.boundaryInFlight = false;
        useTraining.setState({ error: m.message, status: 'error' });
        return;
    }
  }
}
