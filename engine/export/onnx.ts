// The ONNX exporter: the forward graph up to the loss inputs (or chosen nodes), weights as initializers, opset 17,
// batch dimension symbolic ("batch"). Returns the bytes of a ModelProto; no Node APIs (the editor calls it too).
import type { GraphIssue, Result } from '../graph/types';
import type { Shape } from '../tensor';
import { nodeNames } from './names';
import { ATTR_TYPE, DTYPE, encodeModel, type AttributeMsg, type GraphMsg, type NodeMsg, type TensorMsg, type ValueInfoMsg } from './onnx-proto';
import { exportIssue, inputSources, opOf, paramsOf, spellingsOf, type ExportModel } from './source';
import type { OnnxAttr, OnnxContext } from './spelling-types';

export const OPSET = 17;
/** IR version 8 is the one that goes with opset 17. */
const IR_VERSION = 8;
export const BATCH_DIM = 'batch';

export interface OnnxOptions {
  /** Node ids whose outputs the model returns; default: what the losses read on their `input` port. */
  outputs?: readonly string[];
}

export interface OnnxExport {
  bytes: Uint8Array;
  /** Graph inputs: the ONNX name of each Input node, in order, with the node id and its data columns. */
  inputs: { name: string; node: string }[];
  /** Graph outputs: ONNX name and node id. */
  outputs: { name: string; node: string }[];
}

function valueInfo(name: string, shape: Shape, elemType: number = DTYPE.FLOAT): ValueInfoMsg {
  const dim = shape.map((d) => (d === 'B' ? { dimParam: BATCH_DIM } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function attribute(name: string, a: OnnxAttr): AttributeMsg {
  if ('f' in a) return { name, type: ATTR_TYPE.FLOAT, f: a.f };
  if ('i' in a) return { name, type: ATTR_TYPE.INT, i: a.i };
  if ('s' in a) return { name, type: ATTR_TYPE.STRING, s: new TextEncoder().encode(a.s) };
  if ('ints' in a) return { name, type: ATTR_TYPE.INTS, ints: [...a.ints] };
  return { name, type: ATTR_TYPE.FLOATS, floats: [...a.floats] };
}

function floatTensor(name: string, values: ArrayLike<number>, dims: readonly number[]): TensorMsg {
  const f32 = Float32Array.from(values);
  const raw = new Uint8Array(f32.buffer);
  // raw_data is little-endian by the ONNX spec.
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) for (let i = 0; i < raw.length; i += 4) raw.subarray(i, i + 4).reverse();
  return { name, dims: [...dims], dataType: DTYPE.FLOAT, rawData: raw };
}

/** The nodes the outputs depend on (the outputs included), not looking past a loss (refused on its own). */
function ancestors(outputs: readonly string[], sources: Map<string, string[]>, isLoss: (id: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const stack = [...outputs];
  while (stack.length > 0) {
    const id = stack.pop() ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    if (isLoss(id)) continue;
    for (const s of sources.get(id) ?? []) if (s !== '') stack.push(s);
  }
  return seen;
}

function defaultOutputs(model: ExportModel, sources: Map<string, string[]>): string[] {
  const fromLosses = model.plan.losses.map((l) => sources.get(l.node)?.[0] ?? '').filter((s) => s !== '');
  if (fromLosses.length > 0) return [...new Set(fromLosses)];
  // No loss: the graph's sinks, less any Target (an ONNX model takes only the Input data).
  const fed = new Set(model.plan.edges.map((e) => e.source));
  return model.plan.nodes.filter((n) => !fed.has(n.id) && n.op !== 'Target').map((n) => n.id);
}

export function exportOnnx(model: ExportModel, options: OnnxOptions = {}): Result<OnnxExport> {
  const { plan } = model;
  const names = nodeNames(model.doc, new Set());
  const sources = inputSources(plan);
  const outputs = options.outputs ?? defaultOutputs(model, sources);
  const errors: GraphIssue[] = [];
  for (const id of outputs) if (!plan.nodes.some((n) => n.id === id)) errors.push(exportIssue(`there is no node "${id}" to export`));
  if (outputs.length === 0) errors.push(exportIssue('nothing to export: the graph has no nodes'));
  if (errors.length > 0) return { ok: false, errors };

  const losses = new Set(plan.losses.map((l) => l.node));
  const needed = ancestors(outputs, sources, (id) => losses.has(id));
  const graph: GraphMsg = { name: model.doc.name ?? 'wiregrad', node: [], initializer: [], input: [], output: [] };
  const inputs: OnnxExport['inputs'] = [];
  const taken = new Set(names.values());
  const fresh = (base: string): string => {
    let k = 1;
    while (taken.has(`${base}_${k}`)) k++;
    const name = `${base}_${k}`;
    taken.add(name);
    return name;
  };

  for (const node of plan.nodes) {
    if (!needed.has(node.id)) continue;
    const def = opOf(node);
    const name = names.get(node.id) ?? node.id;
    if (def.isLoss) {
      errors.push(exportIssue(`${node.op} ${node.id} is a loss: ONNX export stops at what the losses read; choose a node before it`, { doc: model.doc, id: node.id }));
      continue;
    }
    if (def.source === 'x') {
      graph.input.push(valueInfo(name, node.outShape));
      inputs.push({ name, node: node.id });
      continue;
    }
    if (def.source === 'y') {
      errors.push(exportIssue(`the exported outputs depend on Target ${node.id}; an ONNX model takes only the Input data`, { doc: model.doc, id: node.id }));
      continue;
    }
    const onnx = spellingsOf(def).onnx;
    if (!onnx) {
      errors.push(exportIssue(`${node.op} ${node.id} has no ONNX spelling yet`, { doc: model.doc, id: node.id }));
      continue;
    }
    const params = paramsOf(model, node.id).map((p) => {
      const pname = `${name}.${p.name}`;
      taken.add(pname);
      graph.initializer.push(floatTensor(pname, p.values, p.shape));
      return pname;
    });
    const ctx: OnnxContext = {
      inputs: (sources.get(node.id) ?? []).map((s) => names.get(s) ?? s),
      params,
      output: name,
      inShapes: plan.forward.find((f) => f.node === node.id)?.inShapes ?? [],
      outShape: node.outShape,
      op(opType, opInputs, attrs = {}, output) {
        const out = output ?? fresh(`${name}/${opType}`);
        const msg: NodeMsg = {
          name: fresh(`${name}/${opType}_op`),
          opType,
          input: [...opInputs],
          output: [out],
          attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
        };
        graph.node.push(msg);
        return out;
      },
      constant(values, shape, type = 'float') {
        const cname = fresh(`${name}/const`);
        graph.initializer.push(type === 'float'
          ? floatTensor(cname, values, shape)
          : { name: cname, dims: [...shape], dataType: DTYPE.INT64, int64Data: [...values] });
        return cname;
      },
    };
    onnx.emit(node.attrs, ctx);
  }
  if (errors.length > 0) return { ok: false, errors };

  const inputNames = new Set(inputs.map((i) => i.name));
  const outs = outputs.map((id) => {
    const name = names.get(id) ?? id;
    if (!inputNames.has(name)) return { name, node: id };
    // An Input asked for as an output: a graph output needs a value of its own.
    const copy = fresh(`${name}_out`);
    graph.node.push({ name: fresh(`${name}/Identity_op`), opType: 'Identity', input: [name], output: [copy], attribute: [] });
    return { name: copy, node: id };
  });
  for (const o of outs) {
    const shape = plan.nodes.find((n) => n.id === o.node)?.outShape ?? [];
    graph.output.push(valueInfo(o.name, shape));
  }
  const bytes = encodeModel({
    irVersion: IR_VERSION,
    producerName: 'wiregrad',
    producerVersion: '0.1.0',
    opsetImport: [{ domain: '', version: OPSET }],
    graph,
  });
  return { ok: true, value: { bytes, inputs, outputs: outs } };
}
