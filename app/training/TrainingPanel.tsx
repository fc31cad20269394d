// The training panel: transport, data, optimiser, curves, decision boundary, view toggles and step-through.
import { useEffect } from 'react';
import { DecisionBoundary } from '../charts/DecisionBoundary';
import { LossChart } from '../charts/LossChart';
import { StepThroughBar } from '../stepthrough/StepThroughBar';
import { startTraining } from './controller';
import { DataSettings } from './DataSettings';
import { Metrics } from './Metrics';
import { NodeMapsToggle } from './NodeMapsToggle';
import { OptimizerSettings } from './OptimizerSettings';
import { Problems } from './Problems';
import { Transport } from './Transport';
import { useTraining, type EdgeWidthMode } from './trainingStore';
import './training.css';

function ViewToggles() {
  const labels = useTraining((s) => s.showLabels);
  const width = useTraining((s) => s.edgeWidth);
  return (
    <div className="wg-row wg-view-toggles">
      <label>
        <input type="checkbox" aria-label="show edge labels" checked={labels} onChange={(e) => useTraining.setState({ showLabels: e.target.checked })} />
        edge labels
      </label>
      <NodeMapsToggle />
      <label className="wg-field">
        edge width by
        <select aria-label="edge width by" value={width} onChange={(e) => useTraining.setState({ edgeWidth: e.target.value as EdgeWidthMode })}>
          <option value="off">nothing</option>
          <option value="value">|value|</option>
          <option value="grad">|gradient|</option>
        </select>
      </label>
    </div>
  );
}

export function TrainingPanel() {
  useEffect(() => {
    startTraining();
  }, []);
  const hasBoundary = useTraining((s) => s.hasBoundary);
  return (
    <section aria-label="Training" className="wg-training">
      <h2>Training</h2>
      <Transport />
      <Problems />
      <Metrics />
      <LossChart />
      {hasBoundary && <DecisionBoundary />}
      <StepThroughBar />
      <ViewToggles />
      <DataSettings />
      <OptimizerSettings />
    </section>
  );
}
