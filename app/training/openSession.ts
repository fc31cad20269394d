// The worker's way into the engine: createSession (the ONE training loop) with the browser's data reader, plus what
// the view needs on top (the output node for heat maps, small hidden layers, a CPU executor continuing after a lost device).
import type { Plan } from '../../engine/compile/plan';
import { createCpuExecutor } from '../../engine/cpu/executor';
import type { BackendChoice, Executor } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import { getOp } from '../../engine/ops/registry';
import { fetchDatasetReader } from '../../engine/train/data/fetch-reader';
import type { DatasetFileReader } from '../../engine/train/data/types';
import { createSession, type Session } from '../../engine/train/session';
import type { WebGpuExecutor } from '../../engine/webgpu/executor';
import type { OpenResult, OpenedSession } from './bridge';

const MAX_HIDDEN_UNITS = 8;
const MAX_HIDDEN_NODES = 4;

const OUTPUT_KIND: Record<string, OpenedSession['outputKind']> = {
  BCELoss: 'prob',
  BCEWithLogitsLoss: 'logit',
  CrossEntropyLoss: 'logits',
  NLLLoss: 'logprobs',
  MSELoss: 'value',
};

/** Nodes worth a small heat map per unit: activations (else layers) with a batch dimension and a few units. */
export function hiddenNodes(plan: Plan, output: string | null): { node: string; units: number }[] {
  const small = (cat: string): { node: string; units: number }[] =>
    plan.nodes
      .filter((n) => n.id !== output && getOp(n.op)?.category === cat && n.outShape.length === 2 && n.outShape[0] === 'B')
      .map((n) => ({ node: n.id, units: n.outShape[1] as number }))
      .filter((h) => typeof h.units === 'number' && h.units >= 1 && h.units <= MAX_HIDDEN_UNITS);
  const act = small('activations');
  return (act.length ? act : small('layers')).slice(0, MAX_HIDDEN_NODES);
}

/** The view's handle on a session (exported for tests that hand it a particular executor). */
export function opened(s: Session): OpenedSession {
  const output = s.task?.node ?? plainOutput(s);
  const lossOp = s.plan.losses[0]?.op ?? '';
  return {
    get executor() {
      return s.executor;
    },
    get backend() {
      return s.executor.backend;
    },
    note: s.backendNote,
    train: s.data.train,
    test: s.data.test,
    outputNode: output,
    outputKind: OUTPUT_KIND[lossOp] ?? 'value',
    hiddenNodes: hiddenNodes(s.plan, output),
    classification: s.task !== null,
    accuracy: (split) => s.accuracy(split),
    testLoss: () => s.testLoss(),
    async cpuExecutor() {
      const lost = s.executor;
      // As engine/webgpu/fallback.ts does: the GPU's last step (so the minibatch sequence continues), its optimiser
      // state (momentum, Adam's moments and t) and the weights read with them.
      const resume = isGpu(lost) ? { startStep: lost.lastStep, optimizerState: lost.lastOptimizerState() } : {};
      const cpu = createCpuExecutor(s.plan, { train: s.data.train, config: s.config, ...resume });
      if (isGpu(lost)) await cpu.setParams(lost.lastParams());
      // Accuracy, test loss and the trained doc follow the CPU executor from now on.
      s.useExecutor(cpu);
      return cpu;
    },
    dispose: () => s.dispose(),
  };
}

/** A bare GPU executor keeps what a CPU executor needs to continue its run after the device is lost. */
function isGpu(ex: Executor): ex is WebGpuExecutor {
  return ex.backend === 'webgpu' && 'lastOptimizerState' in ex && 'lastStep' in ex && 'lastParams' in ex;
}

/** For a regression (no accuracy), the node feeding the loss's input is still the model's output. */
function plainOutput(s: Session): string | null {
  const loss = s.plan.losses[0];
  if (!loss) return null;
  return s.plan.edges.find((e) => e.target === loss.node && e.targetPort === 'input')?.source ?? null;
}

export function sessionOpener(read: DatasetFileReader): (doc: GraphDoc, backend: BackendChoice) => Promise<OpenResult> {
  return async (doc, backend) => {
    const r = await createSession(doc, { read, backend, keep: 'all' });
    if (!r.ok) return { ok: false, issues: r.errors };
    return { ok: true, session: opened(r.value) };
  };
}

export const openSession = sessionOpener(fetchDatasetReader());
