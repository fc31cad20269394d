// What both exporters read: the document (labels, names), its compiled Plan (order, shapes, params), the current
// weights, and for the PyTorch script the data and training configuration wiregrad trains with.
import type { Plan, PlanNode } from '../compile/plan';
import type { DataRows, TrainConfig } from '../executor';
import type { GraphDoc, GraphIssue } from '../graph/types';
import { getOp } from '../ops/registry';
import type { AnyOpDef } from '../ops/types';
import type { OnnxSpelling, TorchSpelling } from './spelling-types';

export interface ExportModel {
  doc: GraphDoc;
  /** compile(doc, ...): any batch size; the exporters read order, shapes, edges and params from it. */
  plan: Plan;
  /** Current weights by `${node}.${param}` (Executor.getParams()); missing ones are the plan's initial values. */
  params?: Readonly<Record<string, ArrayLike<number>>>;
}

export interface ExportData {
  /** The training rows exactly as wiregrad trains on them (generated or standardised already). */
  train: DataRows;
  /** The test split, when there is one. */
  test?: DataRows | null;
  config: TrainConfig;
}

export type ExportSource = ExportModel & ExportData;

/** A refusal; with a node, its path is the node's place in the file (`nodes[3] (id "fc1")`). */
export function exportIssue(message: string, node?: { doc: GraphDoc; id: string }): GraphIssue {
  if (!node) return { path: 'export', message };
  const i = node.doc.nodes.findIndex((n) => n.id === node.id);
  return { path: `nodes[${i}] (id "${node.id}")`, message, nodeId: node.id };
}

/** The op file's spellings (Input and Target have none: the exporters write sources from the plan). */
export function spellingsOf(def: AnyOpDef): { torch?: TorchSpelling<unknown>; onnx?: OnnxSpelling<unknown> } {
  return { torch: def.torch, onnx: def.onnx };
}

export function opOf(node: PlanNode): AnyOpDef {
  const def = getOp(node.op);
  if (!def) throw new Error(`unknown op ${node.op} in a compiled plan`);
  return def;
}

/** For each node, the source node of each input port, in the op's port order. */
export function inputSources(plan: Plan): Map<string, string[]> {
  const byPort = new Map<string, string>();
  for (const e of plan.edges) byPort.set(`${e.target}\u0000${e.targetPort}`, e.source);
  const out = new Map<string, string[]>();
  for (const n of plan.nodes) {
    const ports = opOf(n).inputs;
    out.set(n.id, ports.map((p) => byPort.get(`${n.id}\u0000${p}`) ?? ''));
  }
  return out;
}

/** The node's params with their current values, in the op's `params()` order (the plan lists them that way). */
export function paramsOf(model: ExportModel, node: string): { name: string; shape: number[]; values: ArrayLike<number> }[] {
  return model.plan.params
    .filter((p) => p.node === node)
    .map((p) => ({ name: p.name, shape: p.shape, values: model.params?.[p.key] ?? p.initial }));
}
