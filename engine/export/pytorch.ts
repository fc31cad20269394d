// The PyTorch exporter: a self-contained training script (only `torch` needed) that trains exactly as wiregrad does:
// same weights, same float32 rows, same minibatch order, same optimiser, same loss per step.
import type { GraphIssue, Result } from '../graph/types';
import type { DataRows, OptimizerConfig } from '../executor';
import { ruleFor } from '../train/accuracy';
import { createSampler } from '../train/sampler';
import { nodeNames } from './names';
import { F32_HELPER, flattenNested, intListLiteral, tensorLiteral, wrapLine } from './literals';
import { exportIssue, inputSources, opOf, paramsOf, spellingsOf, type ExportSource } from './source';
import { trainingScript } from './pytorch-loop';

/** Shuffled epoch orders are embedded for about this many steps, and never more than this many row indices. */
const EMBED_STEPS = 1000;
const EMBED_INDICES = 20_000;

const ATOMIC = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** Lines of __init__ and forward are indented this much in the script. */
const INIT_PAD = 8;

interface ModelCode {
  helpers: Map<string, string>;
  init: string[];
  forward: string[];
  hasParams: boolean;
}

function modelCode(src: ExportSource): Result<ModelCode> {
  const { plan } = src;
  const names = nodeNames(src.doc);
  const sources = inputSources(plan);
  const expr = new Map<string, string>();
  const code: ModelCode = { helpers: new Map(), init: [], forward: [], hasParams: plan.params.length > 0 };
  const errors: GraphIssue[] = [];
  for (const node of plan.nodes) {
    const def = opOf(node);
    const name = names.get(node.id) ?? node.id;
    const comment = `  # ${node.id}: ${node.op}`;
    const source = plan.sources.find((s) => s.node === node.id);
    if (def.source && source) {
      const cols = source.columns;
      const identity = source.kind === 'y' || (cols.every((c, i) => c === i) && cols.length === src.train.xFeatures);
      // All of x (or y) needs no line of its own; a column selection gets a named local.
      if (identity) {
        expr.set(node.id, source.kind);
        continue;
      }
      code.forward.push(`${name} = x[:, ${intListLiteral(cols)}]${comment}`);
      expr.set(node.id, name);
      continue;
    }
    const torch = spellingsOf(def).torch;
    if (!torch) {
      errors.push(exportIssue(`${node.op} ${node.id} has no PyTorch spelling yet`, { doc: src.doc, id: node.id }));
      continue;
    }
    const attrs = node.attrs;
    const params = paramsOf(src, node.id);
    const module = torch.module?.(attrs);
    const paramExprs = params.map((p) =>
      module ? `self.${name}.${p.name}` : params.length === 1 ? `self.${name}` : `self.${name}_${p.name}`);
    if (module) code.init.push(`self.${name} = ${module}${comment}`);
    params.forEach((p, i) => code.init.push(`${paramExprs[i]} = nn.Parameter(${tensorLiteral(p.values, p.shape)})`));
    const buffer = torch.buffer?.(attrs);
    if (buffer !== undefined) {
      const flat = flattenNested(buffer);
      if (!flat) {
        errors.push(exportIssue(`${node.op} ${node.id}: its value is not a rectangular array`, { doc: src.doc, id: node.id }));
        continue;
      }
      code.init.push(`self.register_buffer("${name}", ${tensorLiteral(flat.values, flat.shape)})${comment}`);
    }
    for (const [k, v] of Object.entries(torch.helpers?.(attrs) ?? {})) code.helpers.set(k, v);
    const inputs = (sources.get(node.id) ?? []).map((s) => expr.get(s) ?? s);
    const inShapes = plan.forward.find((f) => f.node === node.id)?.inShapes ?? [];
    const e = torch.forward(attrs, { inputs, params: paramExprs, name, inShapes, outShape: node.outShape });
    if (ATOMIC.test(e) && !def.isLoss) {
      expr.set(node.id, e);
    } else {
      code.forward.push(`${name} = ${e}${comment}`);
      expr.set(node.id, name);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  code.init = code.init.map((l) => wrapLine(l, 110 - INIT_PAD));
  code.forward = code.forward.map((l) => wrapLine(l, 110 - INIT_PAD));
  const losses = plan.losses.map((l) => expr.get(l.node) ?? l.node);
  const prediction = plan.losses[0] ? expr.get(sources.get(plan.losses[0].node)?.[0] ?? '') : undefined;
  code.forward.push(`loss = ${losses.join(' + ')}  # the objective: the sum of the graph's losses`);
  code.forward.push(`return loss, ${prediction ?? 'None'}`);
  return { ok: true, value: code };
}

function yLiteral(rows: DataRows): string {
  if (rows.yKind === 'class') return `torch.tensor(${intListLiteral(rows.y.subarray(0, rows.n))}, dtype=torch.long)`;
  return tensorLiteral(rows.y.subarray(0, rows.n * rows.yFeatures), [rows.n, rows.yFeatures]);
}

function xLiteral(rows: DataRows): string {
  return tensorLiteral(rows.x.subarray(0, rows.n * rows.xFeatures), [rows.n, rows.xFeatures]);
}

function optimizerLine(o: OptimizerConfig): string {
  const num = (v: number): string => String(v);
  if (o.type === 'adam') {
    return `torch.optim.Adam(model.parameters(), lr=${num(o.lr)}, betas=(${num(o.betas[0])}, ${num(o.betas[1])}), ` +
      `eps=${num(o.eps)}, weight_decay=${num(o.weightDecay)})`;
  }
  return `torch.optim.SGD(model.parameters(), lr=${num(o.lr)}, momentum=${num(o.momentum)}, weight_decay=${num(o.weightDecay)})`;
}

/** The accuracy of the first loss, as engine/train/accuracy.ts defines it, in Python; null when it has none. */
function accuracyRule(src: ExportSource): string | null {
  const first = src.plan.losses[0];
  const rule = first ? ruleFor(first.op, src.train) : null;
  if (rule === 'argmax') return '(out.argmax(dim=-1) == y).float().mean().item()';
  if (rule === 'threshold-0') return '((out > 0) == (y > 0.5)).float().mean().item()';
  if (rule === 'threshold-0.5') return '((out > 0.5) == (y > 0.5)).float().mean().item()';
  return null;
}

function epochOrders(src: ExportSource): number[][] {
  const { train, config } = src;
  if (!config.shuffle || train.n === 0) return [];
  const sampler = createSampler(train.n, { batchSize: config.batchSize, shuffle: true, seed: config.seed });
  const epochs = Math.max(1, Math.min(Math.ceil(EMBED_STEPS / sampler.stepsPerEpoch), Math.floor(EMBED_INDICES / train.n)));
  return Array.from({ length: epochs }, (_, e) => Array.from(sampler.epochOrder(e)));
}

/** The script's text. Refuses graphs it cannot train (no loss) or ops with no PyTorch spelling. */
export function exportPytorch(src: ExportSource): Result<string> {
  if (src.plan.losses.length === 0) {
    return { ok: false, errors: [exportIssue('the graph has no loss node, so there is nothing to train: add a loss (e.g. MSELoss) to export a training script')] };
  }
  const model = modelCode(src);
  if (!model.ok) return model;
  const sampler = createSampler(src.train.n, { batchSize: src.config.batchSize, shuffle: src.config.shuffle, seed: src.config.seed });
  const orders = epochOrders(src);
  const test = src.test && src.test.n > 0 ? src.test : null;
  const data = [xLiteral(src.train), yLiteral(src.train), test ? xLiteral(test) : 'None', test ? yLiteral(test) : 'None']
    .map((d) => wrapLine(`X_TRAIN = ${d}`).slice('X_TRAIN = '.length));
  return {
    ok: true,
    value: trainingScript({
      title: src.doc.name ?? 'wiregrad graph',
      helpers: [...(needsF32(model.value, data) ? [F32_HELPER] : []), ...model.value.helpers.values()],
      init: model.value.init,
      forward: model.value.forward,
      xTrain: data[0],
      yTrain: data[1],
      xTest: data[2],
      yTest: data[3],
      batchSize: sampler.batchSize,
      shuffle: src.config.shuffle,
      seed: src.config.seed,
      epochOrders: listOfLists(orders),
      optimizer: model.value.hasParams ? optimizerLine(src.config.optimizer) : null,
      accuracy: accuracyRule(src),
    }),
  };
}

// The _f32 helper is only written when some tensor was large enough to be embedded as bytes.
function needsF32(model: ModelCode, data: readonly string[]): boolean {
  return [...model.init, ...data].some((s) => s.includes('_f32("'));
}

/** `[[...], [...]]` wrapped to lines of about 110 characters, several short orders per line. */
function listOfLists(lists: readonly (readonly number[])[]): string {
  if (lists.length === 0) return '[]';
  const lines: string[] = [];
  let line = '';
  for (const l of lists) {
    const item = wrapLine(`    ${intListLiteral(l)},`).trimStart();
    if (line !== '' && line.length + item.length + 1 > 110) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? `    ${item}` : `${line} ${item}`;
  }
  lines.push(line);
  return `[\n${lines.join('\n')}\n]`;
}
