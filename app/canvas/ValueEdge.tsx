// The canvas edge with its live label: value and gradient while training, the chain-rule product in step-through.
// Subscribes to its own edge's probe only (app/training/trainingStore), so a snapshot never re-renders the graph.
import { memo, type CSSProperties } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useEdgeLabelProbe, useEdgeNonFinite, useEdgeWidth } from '../training/useEdgeProbe';
import { useEdgeStep } from '../stepthrough/stepStore';
import { EdgeLabel } from '../training/EdgeLabel';
import { StepEdgeLabel } from '../stepthrough/StepEdgeLabel';

function ValueEdgeImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, selected }: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const probe = useEdgeLabelProbe(id);
  const nonFinite = useEdgeNonFinite(id);
  const width = useEdgeWidth(id);
  const step = useEdgeStep(id);

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
  ) : probe && probe.value.length > 0 ? (
    <EdgeLabel probe={probe} />
  ) : null;

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={stroke} />
      {label && (
        <EdgeLabelRenderer>
          <div
            className="wg-edge-label-anchor nodrag nopan"
            data-edge-label={id}
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
