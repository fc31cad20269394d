// What the view derives from the document: each node's output shape and the issues that mark nodes and ports.
// Computed once per document version (immer gives a new doc object only when something changed).
import type { GraphDoc, GraphIssue } from '../../engine/graph/types';
import { formatShape, type Shape } from '../../engine/tensor';
import { docStore, useDoc, type DocState } from './docStore';
import { inferShapesPartial } from './engineApi';

export interface Derived {
  shapes: Map<string, Shape>;
  issues: readonly GraphIssue[];
}

let lastDoc: GraphDoc | null = null;
let last: Derived = { shapes: new Map(), issues: [] };

export function derive(doc: GraphDoc): Derived {
  if (doc !== lastDoc) {
    lastDoc = doc;
    try {
      last = inferShapesPartial(doc);
    } catch (e) {
      // The view must never go blank on a half-built graph: report, don't throw.
      last = { shapes: new Map(), issues: [{ path: '(graph)', message: `shape inference failed: ${e instanceof Error ? e.message : String(e)}` }] };
    }
  }
  return last;
}

/** Every issue on the canvas now: the graph's own (shapes, attrs) and marks set from outside (training). */
export function allIssues(s: DocState): GraphIssue[] {
  const own = derive(s.doc).issues;
  const marked = Object.values(s.marks).flat();
  return marked.length ? [...own, ...marked] : [...own];
}

export function nodeShapeText(s: DocState, id: string): string | null {
  const sh = derive(s.doc).shapes.get(id);
  return sh ? formatShape(sh) : null;
}

export function useNodeShape(id: string): string | null {
  return useDoc((s) => nodeShapeText(s, id));
}

/** The issues on one node as one string per line ("port `in`: …"), '' when none; a string so equal means no re-render. */
export function nodeIssueText(s: DocState, id: string): string {
  return issueLines(s, (i) => i.nodeId === id).join('\n');
}

function issueLines(s: DocState, keep: (i: GraphIssue) => boolean): string[] {
  const own = derive(s.doc).issues.filter(keep);
  const marked = Object.values(s.marks).flat().filter(keep);
  return [...own, ...marked].map((i) => (i.port ? `port \`${i.port}\`: ${i.message}` : i.message));
}

export function useNodeIssues(id: string): string {
  return useDoc((s) => nodeIssueText(s, id));
}

/** The ports of a node that carry an issue, one "port<TAB>message" per line ('' when none). */
export function useNodePortIssues(id: string): string {
  return useDoc((s) =>
    [...derive(s.doc).issues, ...Object.values(s.marks).flat()]
      .filter((i) => i.nodeId === id && i.port)
      .map((i) => `${i.port}\t${i.message}`)
      .join('\n'),
  );
}

export function useEdgeIssues(id: string): string {
  return useDoc((s) => issueLines(s, (i) => i.edgeId === id).join('\n'));
}

export { docStore };
