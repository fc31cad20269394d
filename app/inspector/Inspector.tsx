// The right-hand panel: the selected node (label, attrs, parameter values, its issues), the selected edge's probe
// (the training side's panel), or the graph itself when nothing is selected.
import { useState } from 'react';
import type { GraphDoc, GraphNode } from '../../engine/graph/types';
import { getOp } from '../../engine/ops/registry';
import { EdgeProbePanel } from '../training/EdgeProbePanel';
import { currentParams, renameGraph, setLabel, useDoc, useEdgeIssues, useNodeIssues, useNodeShape } from '../store';
import { MISSING_EDGE } from '../store/connect';
import { AttrEditor } from './AttrEditor';
import { ParamTable } from './ParamTable';

function LabelField({ node }: { node: GraphNode }) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = `label-${node.id}`;
  const commit = () => {
    if (draft !== null && draft !== (node.label ?? '')) setLabel(node.id, draft);
    setDraft(null);
  };
  return (
    <div className="field">
      <label htmlFor={id}>label</label>
      <input
        id={id}
        value={draft ?? node.label ?? ''}
        maxLength={200}
        placeholder="(none)"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        onBlur={commit}
      />
    </div>
  );
}

/** Problems in red; ports still waiting for an edge as a quiet hint (work in progress, not a mistake). */
function Issues({ text }: { text: string }) {
  if (!text) return null;
  const lines = text.split('\n');
  const waiting = lines.filter((l) => MISSING_EDGE.test(l)).map((l) => /^port `([^`]+)`/.exec(l)?.[1] ?? '?');
  const problems = lines.filter((l) => !MISSING_EDGE.test(l));
  return (
    <>
      {problems.length ? (
        <ul className="issues" aria-label="Problems with this node">
          {problems.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      ) : null}
      {waiting.length ? (
        <p className="waiting">
          Waiting for an edge into {waiting.map((p) => `\`${p}\``).join(', ')}.
        </p>
      ) : null}
    </>
  );
}

function NodeInspector({ node, doc }: { node: GraphNode; doc: GraphDoc }) {
  const def = getOp(node.op);
  const shape = useNodeShape(node.id);
  const issues = useNodeIssues(node.id);
  const params = currentParams(doc, node);
  return (
    <div className="inspector-node" key={node.id}>
      <h2>
        {node.op} <span className="muted">{node.id}</span>
      </h2>
      {def ? <p className="summary">{def.summary}</p> : null}
      <p>
        output <code>{shape ?? 'unknown'}</code>
      </p>
      <Issues text={issues} />
      <LabelField key={`${node.id}:${node.label ?? ''}`} node={node} />
      <AttrEditor node={node} />
      {Object.keys(params).length ? (
        <fieldset className="params">
          <legend>Parameters {node.params ? '' : '(from the seed)'}</legend>
          {Object.entries(params).map(([name, p]) => (
            <ParamTable key={name} nodeId={node.id} name={name} shape={p.shape} values={p.values} />
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const edge = useDoc((s) => s.doc.edges.find((e) => e.id === edgeId));
  const issues = useEdgeIssues(edgeId);
  if (!edge) return null;
  return (
    <div className="inspector-edge">
      <h2>
        Edge <span className="muted">{edge.id}</span>
      </h2>
      <p>
        {edge.source} → {edge.target}.<code>{edge.targetPort}</code>
      </p>
      <Issues text={issues} />
      <EdgeProbePanel edgeId={edge.id} />
    </div>
  );
}

function GraphInspector({ doc }: { doc: GraphDoc }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft !== (doc.name ?? '')) renameGraph(draft);
    setDraft(null);
  };
  return (
    <div className="inspector-graph">
      <h2>Graph</h2>
      <div className="field">
        <label htmlFor="graph-name">name</label>
        <input id="graph-name" value={draft ?? doc.name ?? ''} maxLength={200} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && commit()} onBlur={commit} />
      </div>
      <p className="muted">
        {doc.nodes.length} nodes, {doc.edges.length} edges. Select a node to edit it; double-click the canvas to add one.
      </p>
    </div>
  );
}

export function Inspector() {
  const doc = useDoc((s) => s.doc);
  const selection = useDoc((s) => s.selection);
  let body;
  if (selection.nodes.length === 1) {
    const node = doc.nodes.find((n) => n.id === selection.nodes[0]);
    body = node ? <NodeInspector node={node} doc={doc} /> : null;
  } else if (selection.nodes.length > 1) {
    body = <p>{selection.nodes.length} nodes selected. Delete, copy, or drag them together.</p>;
  } else if (selection.edges.length === 1) {
    body = <EdgeInspector edgeId={selection.edges[0]} />;
  } else {
    body = <GraphInspector doc={doc} />;
  }
  return (
    <aside className="inspector" aria-label="Inspector">
      {body}
    </aside>
  );
}
