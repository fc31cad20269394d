// Ties the training worker to the document: (re)loads it when the graph or its training settings change, writes
// trained weights back into the doc, marks the NaN edge. One per page; tests swap the worker factory.
import type { BackendChoice } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import { docStore, setMarks, setParams, showStatus } from '../store';
import { TrainingClient, type WorkerLike } from './client';
import { useTraining } from './trainingStore';

export type WorkerFactory = () => WorkerLike;

const browserWorker: WorkerFactory = () =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'wiregrad-training' }) as unknown as WorkerLike;

let factory: WorkerFactory = browserWorker;
let client: TrainingClient | null = null;
let unsubscribe: (() => void) | null = null;
let structureKey = '';
let paramsKey = '';
let backendChoice: BackendChoice = 'auto';
let writingBack = false;

/** Tests (and the benchmark) run the same trainer without a thread. */
export function setWorkerFactory(f: WorkerFactory | null): void {
  stopTraining();
  factory = f ?? browserWorker;
}

/** What the worker must recompile for: everything but positions, labels, weights and view state. */
function structureOf(doc: GraphDoc): string {
  return JSON.stringify({
    nodes: doc.nodes.map((n) => [n.id, n.op, n.attrs ?? null]),
    edges: doc.edges.map((e) => [e.id, e.source, e.target, e.targetPort]),
    training: doc.training ?? null,
  });
}

function paramsOf(doc: GraphDoc): string {
  return JSON.stringify(doc.nodes.map((n) => n.params ?? null));
}

function selectedEdge(): string | null {
  const { edges, nodes } = docStore.getState().selection;
  return edges.length === 1 && nodes.length === 0 ? edges[0] : null;
}

function load(doc: GraphDoc, resume = useTraining.getState().status === 'running' || (client?.resumePending ?? false)): void {
  structureKey = structureOf(doc);
  paramsKey = paramsOf(doc);
  client?.load(doc, backendChoice, resume);
}

/** Start the worker for the current document and follow the document from now on. */
export function startTraining(): TrainingClient {
  if (client) return client;
  client = new TrainingClient(factory(), {
    onParams(values) {
      // Our own write-back is not an edit the worker needs to hear about (the subscription runs inside setParams).
      writingBack = true;
      try {
        setParams(values);
      } finally {
        writingBack = false;
      }
      paramsKey = paramsOf(docStore.getState().doc);
    },
    selectedEdge,
    onNonFinite(edge, message) {
      if (!edge || !message) return setMarks('training', []);
      // The executor names an edge, or a node when it is the loss's own output (no edge carries it).
      const isEdge = docStore.getState().doc.edges.some((e) => e.id === edge);
      setMarks('training', [isEdge ? { path: `edges (id "${edge}")`, edgeId: edge, message } : { path: `nodes (id "${edge}")`, nodeId: edge, message }]);
      showStatus(`Training paused: ${message} (${isEdge ? 'edge' : 'node'} ${edge}).`, 'error');
    },
  });
  load(docStore.getState().doc);
  let lastSelected = selectedEdge();
  unsubscribe = docStore.subscribe((s, prev) => {
    if (s.doc !== prev.doc && !writingBack) {
      if (structureOf(s.doc) !== structureKey || paramsOf(s.doc) !== paramsKey) load(s.doc);
    }
    const sel = selectedEdge();
    if (sel !== lastSelected) {
      lastSelected = sel;
      client?.refresh();
    }
  });
  return client;
}

export function stopTraining(): void {
  unsubscribe?.();
  unsubscribe = null;
  client?.dispose();
  client = null;
}

export function trainingClient(): TrainingClient {
  return client ?? startTraining();
}

export function chooseBackend(b: BackendChoice): void {
  backendChoice = b;
  useTraining.setState({ backendChoice: b });
  load(docStore.getState().doc);
}

/** Re-initialise the weights from the seed and start over. */
export function resetTraining(clear: () => void): void {
  clear();
  load(docStore.getState().doc, false);
}
