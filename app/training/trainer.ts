// The worker's loop: trains at full speed in chunks, yields to its message loop between chunks, and answers the view's
// pulls with what is new. Free of the Worker global so Node tests can drive it with a plain `post`.
import type { BackendChoice, DataRows, Executor } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import type { OpenedSession, SessionOpener } from './bridge';
import type { FromWorker, ToWorker } from './protocol';
import { boundary, toSnapshotMsg } from './view-messages';

export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/** Aim for chunks of about this long: long enough to amortise, short enough to answer pulls promptly. */
const CHUNK_MS = 24;
const PROGRESS_MS = 100;
const EVAL_MS = 400;
const PARAMS_MS = 2000;
const MAX_LOSS_POINTS = 256;

/** Lets pulls and pauses in between chunks; the worker passes a faster one (worker.ts). */
const yieldByTimer = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export class Trainer {
  private session: OpenedSession | null = null;
  private exec: Executor | null = null;
  private doc: GraphDoc | null = null;
  private backend: BackendChoice = 'auto';
  private running = false;
  private loopActive = false;
  /** Steps taken before the current executor existed (a device lost and replaced by the CPU). */
  private stepOffset = 0;
  private chunk = 16;
  private lossFrom = 0;
  private lastSnapStep = -1;
  private lastSnapEdge: string | null = null;
  private lastGood: { step: number; params: Record<string, Float32Array> } | null = null;
  private rate = { steps: 0, since: 0, value: 0 };
  private lastProgress = 0;
  private lastEval = 0;
  private lastParams = 0;
  private evalCache: { accuracy: number | null; testAccuracy: number | null; testLoss: number | null } = {
    accuracy: null,
    testAccuracy: null,
    testLoss: null,
  };
  /** Executor calls one at a time: a pull arriving mid-chunk waits for the chunk, never interleaves with it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly open: SessionOpener,
    private readonly post: Post,
    private readonly now: () => number = () => performance.now(),
    private readonly yieldToMessages: () => Promise<void> = yieldByTimer,
  ) {}

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const p = this.queue.then(f, f);
    this.queue = p.catch(() => undefined);
    return p;
  }

  get steps(): number {
    return this.stepOffset + (this.exec?.steps ?? 0);
  }

  async handle(msg: ToWorker): Promise<void> {
    try {
      switch (msg.type) {
        case 'load':
          return await this.load(msg.doc, msg.backend);
        case 'play':
          this.running = true;
          void this.loop();
          return;
        case 'pause':
          this.running = false;
          return;
        case 'step':
          this.running = false;
          await this.serial(() => this.trainChunk(msg.n));
          await this.afterStop();
          return;
        case 'reset':
          this.running = false;
          if (this.doc) await this.load(this.doc, this.backend);
          return;
        case 'pull':
          return await this.serial(() => this.sendSnapshot(msg.fullEdge));
        case 'boundary':
          return await this.serial(() => this.sendBoundary());
        case 'restore':
          return await this.serial(() => this.restore());
        case 'probeOnce':
          return await this.serial(() => this.sendSnapshot(null, true));
      }
    } catch (e) {
      this.running = false;
      this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private async load(doc: GraphDoc, backend: BackendChoice): Promise<void> {
    this.running = false;
    await this.serial(async () => {
      this.session?.dispose();
      this.session = null;
      this.exec = null;
      this.doc = doc;
      this.backend = backend;
      this.stepOffset = 0;
      this.lossFrom = 0;
      this.lastSnapStep = -1;
      this.lastGood = null;
      this.evalCache = { accuracy: null, testAccuracy: null, testLoss: null };
      const r = await this.open(doc, backend);
      if (!r.ok) {
        this.post({ type: 'issues', issues: r.issues });
        return;
      }
      this.session = r.session;
      this.exec = r.session.executor;
      this.reportedBackend = this.exec.backend;
      const note = r.session.note;
      this.post({
        type: 'ready',
        backend: r.session.backend,
        note,
        hasBoundary: this.boundaryApplies(),
        classification: r.session.classification,
      });
      this.lastGood = { step: 0, params: await this.exec.getParams() };
      // One forward and backward over the first minibatch, no update: every edge shows its value before training.
      await this.exec.evaluate(firstRows(r.session.train, this.exec.plan.batch));
      await this.evaluate(true);
      await this.sendProgress(true);
      await this.sendSnapshot(null, true);
      await this.sendBoundary();
    });
  }

  /** Two input features and a classifier: the Playground's picture applies. */
  private boundaryApplies(): boolean {
    const s = this.session;
    return !!s && s.train.xFeatures === 2 && s.outputNode !== null && s.classification;
  }

  private async loop(): Promise<void> {
    if (this.loopActive) return;
    this.loopActive = true;
    this.rate = { steps: this.steps, since: this.now(), value: this.rate.value };
    try {
      while (this.running && this.exec) {
        await this.serial(() => this.trainChunk(this.chunk));
        await this.yieldToMessages();
      }
    } finally {
      this.loopActive = false;
    }
    await this.afterStop();
  }

  /** One chunk of steps; adapts the chunk size to ~CHUNK_MS; handles a blow-up and a lost device. */
  private async trainChunk(n: number): Promise<void> {
    const exec = this.exec;
    const session = this.session;
    if (!exec || !session) return;
    const t0 = this.now();
    let result;
    try {
      result = await exec.train(n);
    } catch (e) {
      if (exec.backend !== 'webgpu') throw e;
      await this.fallBackToCpu(e);
      return;
    }
    // The engine may have moved to the CPU by itself (a lost device inside a fallback executor): say so once.
    if (exec.backend !== this.reportedBackend) {
      this.reportedBackend = exec.backend;
      this.post({
        type: 'backend',
        backend: exec.backend,
        note: `The WebGPU device was lost; training continues on the CPU from step ${this.steps - result.steps} with the same weights and step count.`,
      });
    }
    const dt = this.now() - t0;
    if (this.running) this.chunk = Math.max(1, Math.min(4096, Math.round((this.chunk * CHUNK_MS) / Math.max(dt, 1))));
    if (result.nonFinite) {
      this.running = false;
      this.post({ type: 'nonFinite', nonFinite: { ...result.nonFinite, step: result.nonFinite.step + this.stepOffset } });
      await this.sendProgress(true);
      await this.sendSnapshot(null, true);
      return;
    }
    const t = this.now();
    // Keep a copy of good weights: for "restore" after a blow-up, and to continue on the CPU after a lost device.
    if (exec.backend === 'cpu' || t - (this.lastGoodAt ?? 0) > 250) {
      this.lastGood = { step: this.steps, params: await exec.getParams() };
      this.lastGoodAt = t;
    }
    if (t - this.lastEval > EVAL_MS) await this.evaluate(false);
    if (t - this.lastProgress > PROGRESS_MS) await this.sendProgress(false);
    if (this.running && t - this.lastParams > PARAMS_MS) await this.sendParams();
  }

  private lastGoodAt: number | null = null;
  private reportedBackend: string | null = null;

  private async fallBackToCpu(cause: unknown): Promise<void> {
    const session = this.session;
    if (!session) return;
    const good = this.lastGood;
    const lost = this.exec;
    const cpu = await session.cpuExecutor();
    try {
      lost?.dispose();
    } catch {
      // A lost device may refuse to release its buffers; nothing more to free.
    }
    // A CPU executor that continues the GPU's run (its step, weights and optimiser state) needs nothing more; one
    // starting afresh at step 0 gets the last good weights, and the steps before it become an offset.
    const continues = cpu.steps > 0;
    if (good && !continues) await cpu.setParams(good.params);
    this.stepOffset = continues ? 0 : (good?.step ?? this.steps);
    this.lossFrom = cpu.steps;
    this.exec = cpu;
    this.reportedBackend = cpu.backend;
    const why = cause instanceof Error ? cause.message : String(cause);
    this.post({
      type: 'backend',
      backend: 'cpu',
      note: `The WebGPU device was lost at step ${this.steps} (${why}); training continues on the CPU with the same weights and step count.`,
    });
  }

  private async evaluate(force: boolean): Promise<void> {
    const s = this.session;
    if (!s || (!force && !this.running && this.lastEval > 0)) return;
    this.lastEval = this.now();
    this.evalCache = {
      accuracy: await s.accuracy('train'),
      testAccuracy: s.test ? await s.accuracy('test') : null,
      testLoss: await s.testLoss(),
    };
  }

  private async sendProgress(force: boolean): Promise<void> {
    const exec = this.exec;
    if (!exec) return;
    if (!force && this.now() - this.lastProgress < PROGRESS_MS) return;
    const t = this.now();
    this.lastProgress = t;
    const losses = await exec.losses(this.lossFrom);
    const first = this.stepOffset + this.lossFrom;
    this.lossFrom = exec.steps;
    // (step, loss) pairs, averaged into at most MAX_LOSS_POINTS buckets.
    const buckets = Math.min(losses.length, MAX_LOSS_POINTS);
    const pairs = new Float32Array(buckets * 2);
    for (let b = 0; b < buckets; b++) {
      const lo = Math.floor((b * losses.length) / buckets);
      const hi = Math.floor(((b + 1) * losses.length) / buckets);
      let sum = 0;
      for (let i = lo; i < hi; i++) sum += losses[i];
      pairs[b * 2] = first + hi - 1;
      pairs[b * 2 + 1] = sum / Math.max(1, hi - lo);
    }
    const steps = this.steps;
    const elapsed = t - this.rate.since;
    if (elapsed > 250 && this.running) {
      this.rate = { steps, since: t, value: ((steps - this.rate.steps) * 1000) / elapsed };
    }
    this.post(
      {
        type: 'progress',
        step: steps,
        losses: pairs,
        testLoss: this.evalCache.testLoss,
        accuracy: this.evalCache.accuracy,
        testAccuracy: this.evalCache.testAccuracy,
        stepsPerSec: this.running ? this.rate.value : 0,
        running: this.running,
      },
      [pairs.buffer],
    );
  }

  private async afterStop(): Promise<void> {
    await this.serial(async () => {
      await this.evaluate(true);
      await this.sendProgress(true);
      await this.sendSnapshot(null, true);
      await this.sendParams();
      await this.sendBoundary();
    });
  }

  private async sendParams(): Promise<void> {
    if (!this.exec) return;
    this.lastParams = this.now();
    const params = await this.exec.getParams();
    this.post({ type: 'params', step: this.steps, params }, Object.values(params).map((a) => a.buffer as ArrayBuffer));
  }

  private async sendSnapshot(fullEdge: string | null, force = false): Promise<void> {
    const exec = this.exec;
    if (!exec) return this.post({ type: 'snapshot', snapshot: null });
    if (!force && this.steps === this.lastSnapStep && fullEdge === this.lastSnapEdge) return this.post({ type: 'snapshot', snapshot: null });
    const snap = await exec.snapshot();
    this.lastSnapStep = this.steps;
    this.lastSnapEdge = fullEdge;
    const { msg, transfer } = toSnapshotMsg(snap, exec, fullEdge, this.stepOffset);
    this.post({ type: 'snapshot', snapshot: msg }, transfer);
  }

  private async restore(): Promise<void> {
    if (!this.exec || !this.lastGood) return;
    await this.exec.setParams(this.lastGood.params);
    this.post({ type: 'params', step: this.lastGood.step, params: cloneParams(this.lastGood.params) });
  }

  private async sendBoundary(): Promise<void> {
    const s = this.session;
    const exec = this.exec;
    if (!s || !exec || !this.boundaryApplies()) return;
    const t0 = this.now();
    const b = await boundary(s, exec, this.steps);
    b.costMs = this.now() - t0;
    this.post({ type: 'boundary', boundary: b }, [b.output.buffer as ArrayBuffer, b.points.buffer as ArrayBuffer, b.testPoints.buffer as ArrayBuffer, ...b.hidden.map((h) => h.values.buffer as ArrayBuffer)]);
  }
}

function firstRows(d: DataRows, n: number): DataRows {
  const k = Math.min(n, d.n);
  return { ...d, n: k, x: d.x.subarray(0, k * d.xFeatures), y: d.y.subarray(0, k * d.yFeatures) };
}

function cloneParams(p: Record<string, Float32Array>): Record<string, Float32Array> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.slice()]));
}
