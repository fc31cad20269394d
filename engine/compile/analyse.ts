// The one pass every consumer of a document's structure shares: ops and attrs resolved, ports wired, topological
// order, shapes. Tolerant by design: the editor runs it on half-built graphs, so a problem marks what it touches as
// unknown and becomes an issue, never a throw.
import type { GraphDoc, GraphEdge, GraphIssue } from '../graph/types';
import type { AnyOpDef } from '../ops/types';
import { getOp, OP_NAMES } from '../ops/registry';
import type { Shape } from '../tensor';

export interface NodeInfo {
  index: number;
  id: string;
  op: string;
  /** undefined when the op is unknown. */
  def: AnyOpDef | undefined;
  /** Parsed and defaulted attrs; undefined when they did not parse. */
  attrs: unknown;
  attrsOk: boolean;
  /** One per input port, in the op's order: the edge feeding it, or null. */
  inputs: (GraphEdge | null)[];
  /** Edges leaving this node, in file order. */
  outputs: GraphEdge[];
}

export interface Analysis {
  nodes: Map<string, NodeInfo>;
  /** Topological order (Kahn, ties broken by file order); nodes on a cycle are left out. */
  order: NodeInfo[];
  shapes: Map<string, Shape>;
  issues: GraphIssue[];
  /** Edges that connect two existing nodes through an existing port. */
  edges: GraphEdge[];
}

function nodePath(n: NodeInfo): string {
  return `nodes[${n.index}] (id "${n.id}")`;
}

function zodMessage(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function wire(doc: GraphDoc, issues: GraphIssue[]): { nodes: Map<string, NodeInfo>; edges: GraphEdge[] } {
  const nodes = new Map<string, NodeInfo>();
  // The editor may hand over a document mid-edit: tolerate missing lists rather than throw.
  const docNodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const docEdges = Array.isArray(doc.edges) ? doc.edges : [];
  docNodes.forEach((n, index) => {
    if (nodes.has(n.id)) {
      issues.push({ path: `nodes[${index}]`, message: `duplicate node id "${n.id}"`, nodeId: n.id });
      return;
    }
    const def = getOp(n.op);
    const info: NodeInfo = { index, id: n.id, op: n.op, def, attrs: undefined, attrsOk: false, inputs: [], outputs: [] };
    nodes.set(n.id, info);
    if (!def) {
      issues.push({ path: `${nodePath(info)}.op`, message: `unknown op "${n.op}"; known ops: ${OP_NAMES.join(', ')}`, nodeId: n.id });
      return;
    }
    info.inputs = def.inputs.map(() => null);
    const parsed = def.attrs.safeParse(n.attrs ?? {});
    if (parsed.success) {
      info.attrs = parsed.data;
      info.attrsOk = true;
    } else {
      issues.push({ path: `${nodePath(info)}.attrs`, message: `${n.op} ${n.id}: ${zodMessage(parsed.error)}`, nodeId: n.id });
    }
  });
  const edges: GraphEdge[] = [];
  docEdges.forEach((e, i) => {
    const src = nodes.get(e.source), dst = nodes.get(e.target);
    const at = `edges[${i}] (id "${e.id}")`;
    if (!src) return void issues.push({ path: `${at}.source`, message: `source "${e.source}" is not a node`, edgeId: e.id });
    if (!dst) return void issues.push({ path: `${at}.target`, message: `target "${e.target}" is not a node`, edgeId: e.id });
    if (!dst.def) return;
    const port = dst.def.inputs.indexOf(e.targetPort);
    if (port < 0) {
      const ports = dst.def.inputs.length ? dst.def.inputs.join(', ') : 'none';
      return void issues.push({
        path: `${at}.targetPort`,
        message: `${dst.op} ${dst.id} has no input port "${e.targetPort}" (its ports: ${ports})`,
        edgeId: e.id, nodeId: dst.id,
      });
    }
    const taken = dst.inputs[port];
    if (taken) {
      return void issues.push({
        path: at,
        message: `input port \`${e.targetPort}\` of node \`${dst.id}\` already has an edge ("${taken.id}"); a port takes exactly one`,
        edgeId: e.id, nodeId: dst.id, port: e.targetPort,
      });
    }
    dst.inputs[port] = e;
    src.outputs.push(e);
    edges.push(e);
  });
  return { nodes, edges };
}

function topoOrder(nodes: Map<string, NodeInfo>, edges: GraphEdge[], issues: GraphIssue[]): NodeInfo[] {
  const list = [...nodes.values()];
  const indeg = new Map<string, number>(list.map((n) => [n.id, 0]));
  for (const e of edges) indeg.set(e.target, (indeg.get(e.target) ?? 0) + 1);
  // Ready nodes kept sorted by file position, so the order is stable under edits elsewhere in the file.
  const ready = list.filter((n) => indeg.get(n.id) === 0);
  const order: NodeInfo[] = [];
  while (ready.length) {
    const n = ready.shift() as NodeInfo;
    order.push(n);
    for (const e of n.outputs) {
      const d = (indeg.get(e.target) ?? 0) - 1;
      indeg.set(e.target, d);
      if (d === 0) {
        const t = nodes.get(e.target) as NodeInfo;
        let k = 0;
        while (k < ready.length && ready[k].index < t.index) k++;
        ready.splice(k, 0, t);
      }
    }
  }
  if (order.length < list.length) issues.push(cycleIssue(nodes, new Set(order.map((n) => n.id))));
  return order;
}

function cycleIssue(nodes: Map<string, NodeInfo>, done: Set<string>): GraphIssue {
  // Walk from an unfinished node along unfinished successors until a node repeats: that loop is a cycle.
  let cur = [...nodes.values()].find((n) => !done.has(n.id)) as NodeInfo;
  const seen: string[] = [];
  while (!seen.includes(cur.id)) {
    seen.push(cur.id);
    const next = cur.outputs.map((e) => nodes.get(e.target) as NodeInfo).find((t) => !done.has(t.id));
    if (!next) break;
    cur = next;
  }
  const loop = [...seen.slice(seen.indexOf(cur.id)), cur.id];
  const first = nodes.get(loop[0]) as NodeInfo;
  return { path: nodePath(first), message: `cycle through ${loop.join(' → ')}`, nodeId: first.id };
}

function inferOne(n: NodeInfo, shapes: Map<string, Shape>, issues: GraphIssue[]): void {
  if (!n.def || !n.attrsOk) return;
  const ins: Shape[] = [];
  for (let p = 0; p < n.inputs.length; p++) {
    const e = n.inputs[p];
    const port = n.def.inputs[p];
    if (!e) {
      issues.push({ path: nodePath(n), message: `input port \`${port}\` of node \`${n.id}\` has no edge`, nodeId: n.id, port });
      return;
    }
    const s = shapes.get(e.source);
    if (!s) return; // upstream already reported why it has no shape
    ins.push(s);
  }
  let r;
  try {
    r = n.def.shape(ins, n.attrs);
  } catch (err) {
    // A shape rule that throws is a bug in the op; still say where it happened instead of crashing the editor.
    r = { error: `shape rule failed (${err instanceof Error ? err.message : String(err)})` };
  }
  if ('shape' in r) {
    shapes.set(n.id, r.shape);
    return;
  }
  // Op rules word their errors "Linear expects ..."; name the node right after the op: "Linear fc1 expects ...".
  const text = r.error.startsWith(`${n.op} `) || r.error.startsWith(`${n.op}:`) ? r.error.slice(n.op.length) : `: ${r.error}`;
  const issue: GraphIssue = { path: nodePath(n), message: `${n.op} ${n.id}${text}`, nodeId: n.id };
  if (r.port) {
    issue.port = r.port;
    const p = n.def.inputs.indexOf(r.port);
    const e = p >= 0 ? n.inputs[p] : null;
    if (e) issue.edgeId = e.id;
  }
  issues.push(issue);
}

export function analyse(doc: GraphDoc): Analysis {
  const issues: GraphIssue[] = [];
  const { nodes, edges } = wire(doc, issues);
  const order = topoOrder(nodes, edges, issues);
  const shapes = new Map<string, Shape>();
  for (const n of order) inferOne(n, shapes, issues);
  return { nodes, order, shapes, issues, edges };
}
