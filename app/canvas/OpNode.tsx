// One op on the canvas: op and label, input ports left, output right, output shape and a brief of its parameters.
// Issues (shapes, attrs, training marks) outline it red; their text is the tooltip. Labels render as text only.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { getOp } from '../../engine/ops/registry';
import { useNodeIssues, useNodePortIssues, useNodeShape } from '../store/derived';
import { paramBrief } from '../store/params';
import { MISSING_EDGE } from '../store/connect';
import type { OpFlowNode } from './flowModel';
import { NodeMapsView } from './NodeMaps';

/** An unconnected port is work in progress, not an error: it gets a hint, not a red outline. */
export function isOnlyMissingEdges(issues: string): boolean {
  return issues.split('\n').every((l) => MISSING_EDGE.test(l));
}

function OpNodeImpl({ data, selected }: NodeProps<OpFlowNode>) {
  const n = data.node;
  const def = getOp(n.op);
  const shape = useNodeShape(n.id);
  const issues = useNodeIssues(n.id);
  const portIssues = new Map<string, string>();
  for (const line of useNodePortIssues(n.id).split('\n')) {
    const [port, message] = line.split('\t');
    if (port) portIssues.set(port, portIssues.has(port) ? `${portIssues.get(port)}\n${message}` : message);
  }
  const brief = paramBrief(n);
  const error = issues !== '' && !isOnlyMissingEdges(issues);
  const cls = ['op-node', `cat-${def?.category ?? 'unknown'}`, selected ? 'selected' : '', error ? 'has-error' : ''].join(' ');
  return (
    <div className={cls} title={issues || def?.summary || n.op} data-testid={`node-${n.id}`}>
      <div className="op-node-head">
        <span className="op-node-op">{n.op}</span>
        <span className="op-node-id">{n.id}</span>
      </div>
      {n.label ? <div className="op-node-label">{n.label}</div> : null}
      <div className="op-node-body">
        <div className="op-node-ports">
          {(def?.inputs ?? []).map((p) => (
            <div key={p} className={`op-port in ${portIssues.has(p) ? 'port-issue' : ''}`} title={portIssues.get(p)}>
              <Handle type="target" position={Position.Left} id={p} aria-label={`input port ${p} of ${n.id}`} />
              <span>{p}</span>
            </div>
          ))}
        </div>
        <div className="op-node-out">
          <span className="op-node-shape" aria-label={`output shape of ${n.id}`}>{shape ?? '?'}</span>
          <Handle type="source" position={Position.Right} id="out" aria-label={`output of ${n.id}`} />
        </div>
      </div>
      {brief ? <div className="op-node-params">{brief}</div> : null}
      <NodeMapsView id={n.id} />
      {error ? <div className="op-node-error" role="note">{issues.split('\n')[0]}</div> : null}
    </div>
  );
}

export const OpNode = memo(OpNodeImpl);
