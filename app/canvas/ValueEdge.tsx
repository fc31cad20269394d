// The canvas edge: its curve (width by |value| or |gradient| when asked), and where its live label goes. The live label
// itself is drawn by EdgeLabelLayer, so a snapshot never re-renders an edge; the step-through label and the NaN/Inf
// marking are rare and stay DOM labels here.
import { memo, useLayoutEffect, type CSSProperties } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useEdgeNonFinite, useEdgeWidth } from '../training/useEdgeProbe';
import { useEdgeStep } from '../stepthrough/stepStore';
import { StepEdgeLabel } from '../stepthrough/StepEdgeLabel';
import { labelAnchors } from './labelAnchors';

function ValueEdgeImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, selected }: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const nonFinite = useEdgeNonFinite(id);
  const width = useEdgeWidth(id);
  const step = useEdgeStep(id);

  useLayoutEffect(() => labelAnchors.set(id, labelX, labelY), [id, labelX, labelY]);
  useLayoutEffect(() => () => labelAnchors.delete(id), [id]);

  const stroke: CSSProperties = { ...style };
  if (width !== null) stroke.strokeWidth = width;
  if (step?.state === 'current') {
    stroke.stroke = '#7c3aed';
    stroke.strokeWidth = Math.max(3, Number(stroke.strokeWidth ?? 0));
  }
  if (nonFinite) {
    stroke.stroke = '#dc2626';
    stroke.strokeDasharray = '6 4';
    stroke.strokeWidth = Math.max(3, Number(stroke.strokeWidth ?? 0));
  }
  if (selected && !nonFinite && step?.state !== 'current') stroke.stroke = '#1f2937';

  const label = step ? (
    <StepEdgeLabel view={step} />
  ) : nonFinite ? (
    <div className="wg-edge-label wg-edge-label--bad" role="alert">
      {nonFinite === 'value' ? 'NaN/Inf value' : 'NaN/Inf gradient'} first here
    </div>
  ) : null;

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={stroke} />
      {label && (
        <EdgeLabelRenderer>
          <div
            className="wg-edge-label-anchor nodrag nopan"
            data-edge-note={id}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ValueEdge = memo(ValueEdgeImpl);
