// An edge's label in step-through mode: the chain-rule product on the edge being computed, the gradient once known.
import { memo } from 'react';
import type { EdgeStepView } from './frames';

function StepEdgeLabelImpl({ view }: { view: EdgeStepView }) {
  if (view.state === 'current') {
    return (
      <div className="wg-edge-label wg-edge-label--step" data-step-current="true">
        {view.product && (
          <span>
            <span className="wg-g">{view.product.upstream}</span> × <span className="wg-local">{view.product.local}</span> ={' '}
            <b>∇{view.product.result}</b>
          </span>
        )}
        {view.sum && <span className="wg-sum">∇ {view.sum}</span>}
      </div>
    );
  }
  return (
    <div className={`wg-edge-label wg-edge-label--${view.state}`}>
      <span className="wg-v">{view.value}</span>
      {view.state === 'done' && <span className="wg-g"> ∇{view.grad}</span>}
      {view.state === 'pending' && <span className="wg-pending"> ∇ ?</span>}
    </div>
  );
}

export const StepEdgeLabel = memo(StepEdgeLabelImpl);
