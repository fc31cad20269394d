// The canvas edge: a plain bezier now; the live value/gradient label comes with the training panel.
import { memo } from 'react';
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';

function ValueEdgeImpl({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style }: EdgeProps) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} />;
}

export const ValueEdge = memo(ValueEdgeImpl);
