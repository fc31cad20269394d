// What the schema cannot say alone: ops and their attrs and params (from the op catalogue), ids, edges, ports,
// cycles and the element budget. Every refusal names the node / edge / port and the rule.
import { getOp, OP_NAMES } from '../ops/registry';
import type { AnyOpDef } from '../ops/types';
import { formatShape, sizeOf } from '../tensor';
import { didYouMean, formatPath, type IssueList, type PathSeg } from './issues';
import { MAX_TENSOR_ELEMENTS, MAX_TOTAL_ELEMENTS } from './limits';
import type { SchemaDoc } from './schema';
import { nestedShape } from './tensor-shape';
import { addZodIssues, graphErrorMap } from './zod-issues';

type SNode = SchemaDoc['nodes'][number];
/** What these checks read: the graph, not its training or view. */
type GraphPart = Pick<SchemaDoc, 'nodes' | 'edges'>;

/** A node whose op exists and whose attrs parsed: what later checks (ports, params, shapes, sizes) work from. */
export interface CheckedNode {
  index: number;
  node: SNode;
  def: AnyOpDef;
  attrs: unknown;
}

export interface Checked {
  nodes: Map<string, CheckedNode>;
  /** Elements over all parameters, for the total budget. */
  paramElements: number;
}

const fmtCount = (n: number): string => n.toLocaleString('en-US');

function attrKeys(def: AnyOpDef): string[] | undefined {
  const d: unknown = def.attrs._zod.def;
  if (typeof d === 'object' && d !== null && 'shape' in d && typeof d.shape === 'object' && d.shape !== null) return Object.keys(d.shape);
  return undefined;
}

/** Attr arrays above this many values must be plain numbers (a Constant's value); limits.ts has the rest. */
const BIG_ATTR = 1000;

/**
 * A large attr array must be a clean tensor of numbers before the op's schema sees it: zod reports every bad
 * element (and tries every branch of a union), which for millions takes minutes. Small ones get the schema's messages.
 */
function bigArrayProblem(v: unknown): { path: PathSeg[]; message: string } | undefined {
  if (!Array.isArray(v)) return undefined;
  let leaves = 0;
  const stack: unknown[] = [v];
  while (stack.length && leaves <= BIG_ATTR) {
    const x = stack.pop();
    if (Array.isArray(x)) for (const c of x) stack.push(c);
    else leaves++;
  }
  if (leaves <= BIG_ATTR) return undefined;
  if (v.every((x) => typeof x === 'string')) return { path: [], message: `lists ${v.length} strings; an attr holds at most ${BIG_ATTR}` };
  const r = nestedShape(v);
  return 'message' in r ? r : undefined;
}

function checkAttrs(list: IssueList, i: number, node: SNode, def: AnyOpDef): { ok: boolean; attrs?: unknown } {
  const attrs = node.attrs ?? {};
  const known = attrKeys(def);
  const base = ['nodes', i, 'attrs'];
  let unknown = false;
  if (known) {
    for (const k of Object.keys(attrs)) {
      if (known.includes(k)) continue;
      unknown = true;
      const has = known.length ? `its attrs are ${known.map((a) => `\`${a}\``).join(', ')}` : `${def.op} takes no attrs`;
      list.add(base, `unknown attr \`${k}\` for ${def.op}${didYouMean(k, known)}; ${has}`, { nodeId: node.id });
    }
  }
  for (const [k, v] of Object.entries(attrs)) {
    const problem = bigArrayProblem(v);
    if (problem) {
      list.add([...base, k, ...problem.path], problem.message, { nodeId: node.id });
      return { ok: false };
    }
  }
  const r = def.attrs.safeParse(attrs, { error: graphErrorMap, reportInput: true });
  if (r.success) return unknown ? { ok: false } : { ok: true, attrs: r.data };
  // Unknown attrs were said above with the op's name; keep zod's other findings.
  const rest = known ? r.error.issues.filter((iss) => !(iss.code === 'unrecognized_keys' && iss.path.length === 0)) : r.error.issues;
  addZodIssues(list, rest, base, { nodeId: node.id });
  return { ok: false };
}

function checkParams(list: IssueList, c: CheckedNode): number {
  const { index: i, node, def } = c;
  const decls = def.params(c.attrs);
  const names = decls.map((d) => d.name);
  let elements = 0;
  for (const d of decls) {
    const n = sizeOf(d.shape);
    elements += n;
    if (n > MAX_TENSOR_ELEMENTS) {
      list.add(['nodes', i], `${def.op} ${node.id}: parameter \`${d.name}\` would hold ${fmtCount(n)} elements ${formatShape(d.shape)}; the limit is ${fmtCount(MAX_TENSOR_ELEMENTS)} per tensor`, { nodeId: node.id });
    }
  }
  for (const [name, value] of Object.entries(node.params ?? {})) {
    const decl = decls.find((d) => d.name === name);
    if (!decl) {
      const has = names.length ? `its params are ${names.map((p) => `\`${p}\``).join(', ')}` : `${def.op} has no params`;
      list.add(['nodes', i, 'params'], `unknown param \`${name}\` for ${def.op}${didYouMean(name, names)}; ${has}`, { nodeId: node.id });
      continue;
    }
    const s = nestedShape(value);
    if ('shape' in s && (s.shape.length !== decl.shape.length || s.shape.some((n, k) => n !== decl.shape[k]))) {
      list.add(['nodes', i, 'params', name], `${def.op} ${node.id}: \`${name}\` must have shape ${formatShape(decl.shape)}; found ${formatShape(s.shape)}`, { nodeId: node.id });
    }
  }
  return elements;
}

function checkNodes(list: IssueList, doc: GraphPart): Checked {
  const firstIndex = new Map<string, number>();
  const nodes = new Map<string, CheckedNode>();
  let paramElements = 0;
  doc.nodes.forEach((node, i) => {
    const seen = firstIndex.get(node.id);
    if (seen !== undefined) {
      list.add(['nodes', i, 'id'], `duplicate node id "${node.id}" (already used by ${formatPath(['nodes', seen], doc)})`, { nodeId: node.id });
      return;
    }
    firstIndex.set(node.id, i);
    const def = getOp(node.op);
    if (!def) {
      const hint = didYouMean(node.op, OP_NAMES, '"');
      list.add(['nodes', i, 'op'], `unknown op "${node.op}"${hint || `; known ops: ${OP_NAMES.join(', ')}`} (op names are case-sensitive)`, { nodeId: node.id });
      return;
    }
    const a = checkAttrs(list, i, node, def);
    if (!a.ok) return;
    const c: CheckedNode = { index: i, node, def, attrs: a.attrs };
    nodes.set(node.id, c);
    paramElements += checkParams(list, c);
  });
  return { nodes, paramElements };
}

interface Wire { index: number; source: string; target: string; port: string }

/** Ports without an edge go to `unfinished`: a draft in the editor may have them, a file to train may not. */
function checkEdges(list: IssueList, unfinished: IssueList, doc: GraphPart, checked: Checked): Wire[] | undefined {
  const ids = new Map<string, number>();
  const nodeIds = doc.nodes.map((n) => n.id);
  const present = new Set(nodeIds);
  const into = new Map<string, number>();
  const wires: Wire[] = [];
  let broken = false;
  // A port some edge aims at (even a broken one) is not also reported as having no edge.
  const claimed = new Set(doc.edges.map((e) => `${e.target}\u0000${e.targetPort}`));
  doc.edges.forEach((e, j) => {
    const at = ['edges', j];
    const extra = { edgeId: e.id };
    const seen = ids.get(e.id);
    if (seen !== undefined) list.add([...at, 'id'], `duplicate edge id "${e.id}" (already used by ${formatPath(['edges', seen], doc)})`, extra);
    else ids.set(e.id, j);
    let ok = true;
    for (const end of ['source', 'target'] as const) {
      if (!present.has(e[end])) {
        ok = false;
        list.add([...at, end], `${end} "${e[end]}" is not a node of this graph${didYouMean(e[end], nodeIds, '"')} (dangling edge)`, extra);
      }
    }
    if (!ok) return void (broken = true);
    const t = checked.nodes.get(e.target);
    if (!t) return void (broken = true); // the target's op or attrs are already refused
    const ports = t.def.inputs;
    if (!ports.includes(e.targetPort)) {
      const has = ports.length ? `its input ports are ${ports.map((p) => `\`${p}\``).join(', ')}` : `${t.def.op} has no input ports`;
      list.add([...at, 'targetPort'], `node \`${e.target}\` (${t.def.op}) has no input port \`${e.targetPort}\`${didYouMean(e.targetPort, ports)}; ${has}`, { ...extra, nodeId: e.target, port: e.targetPort });
      return void (broken = true);
    }
    if (e.source === e.target) {
      list.add(at, `self-loop: node \`${e.source}\` feeds its own input port \`${e.targetPort}\` (graphs are acyclic)`, { ...extra, nodeId: e.source, port: e.targetPort });
      return void (broken = true);
    }
    const key = `${e.target}\u0000${e.targetPort}`;
    const first = into.get(key);
    if (first !== undefined) {
      list.add(at, `input port \`${e.targetPort}\` of node \`${e.target}\` already has an edge (${formatPath(['edges', first], doc)}); a port takes exactly one edge`, { ...extra, nodeId: e.target, port: e.targetPort });
      return void (broken = true);
    }
    into.set(key, j);
    wires.push({ index: j, source: e.source, target: e.target, port: e.targetPort });
  });
  for (const c of checked.nodes.values()) {
    for (const port of c.def.inputs) {
      if (!claimed.has(`${c.node.id}\u0000${port}`)) {
        unfinished.add(['nodes', c.index], `input port \`${port}\` of node \`${c.node.id}\` has no edge`, { nodeId: c.node.id, port });
      }
    }
  }
  return broken ? undefined : wires;
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

/** Kahn's algorithm; what it cannot order lies on or behind a cycle: walk back from there until a node repeats. */
function checkCycles(list: IssueList, doc: GraphPart, wires: readonly Wire[]): boolean {
  const indeg = new Map<string, number>(doc.nodes.map((n) => [n.id, 0]));
  const outs = new Map<string, string[]>();
  const ins = new Map<string, string[]>();
  for (const w of wires) {
    indeg.set(w.target, (indeg.get(w.target) ?? 0) + 1);
    push(outs, w.source, w.target);
    push(ins, w.target, w.source);
  }
  const queue = doc.nodes.map((n) => n.id).filter((id) => indeg.get(id) === 0);
  let ordered = 0;
  while (queue.length > 0) {
    const id = queue.pop() as string;
    ordered++;
    for (const t of outs.get(id) ?? []) {
      const d = (indeg.get(t) ?? 0) - 1;
      indeg.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  if (ordered === doc.nodes.length) return true;
  const stuck = (id: string): boolean => (indeg.get(id) ?? 0) > 0;
  const start = doc.nodes.findIndex((n) => stuck(n.id));
  const trail: string[] = [];
  const pos = new Map<string, number>();
  let cur = doc.nodes[start].id;
  while (!pos.has(cur)) {
    pos.set(cur, trail.length);
    trail.push(cur);
    cur = (ins.get(cur) ?? []).find(stuck) as string;
  }
  const loop = trail.slice(pos.get(cur)).reverse();
  // Told from the node that comes first in the file, so the same cycle always reads the same.
  const index = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const k = loop.reduce((best, id, i) => ((index.get(id) ?? 0) < (index.get(loop[best]) ?? 0) ? i : best), 0);
  const cycle = [...loop.slice(k), ...loop.slice(0, k)];
  const at = index.get(cycle[0]) ?? 0;
  list.add(['nodes', at], `cycle through ${[...cycle, cycle[0]].join(' → ')}: graphs are acyclic`, { nodeId: cycle[0] });
  return false;
}

/** Ops, attrs, params, ids, edges, ports and cycles. Returns the checked nodes when the structure is sound (ports aside). */
export function validateStructure(list: IssueList, unfinished: IssueList, doc: GraphPart): Checked | undefined {
  const checked = checkNodes(list, doc);
  const wires = checkEdges(list, unfinished, doc, checked);
  if (wires && list.empty) checkCycles(list, doc, wires);
  if (checked.paramElements > MAX_TOTAL_ELEMENTS && list.empty) {
    list.add(['nodes'], `the parameters hold ${fmtCount(checked.paramElements)} elements in all; the limit is ${fmtCount(MAX_TOTAL_ELEMENTS)}`);
  }
  return list.empty ? checked : undefined;
}
