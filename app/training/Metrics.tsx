// Loss and accuracy as numbers, next to the curves.
import { fmt } from './format';
import { useTraining } from './trainingStore';

function pct(a: number | null): string {
  return a === null ? '–' : `${(a * 100).toFixed(a === 1 ? 0 : 1)}%`;
}

export function Metrics() {
  const loss = useTraining((s) => (s.curves.loss.length ? s.curves.loss[s.curves.loss.length - 1] : null));
  const testLoss = useTraining((s) => (s.curves.testLoss.length ? s.curves.testLoss[s.curves.testLoss.length - 1] : null));
  const acc = useTraining((s) => s.accuracy);
  const testAcc = useTraining((s) => s.testAccuracy);
  const classification = useTraining((s) => s.classification);
  return (
    <dl className="wg-metrics">
      <div>
        <dt>train loss</dt>
        <dd data-testid="train-loss">{loss === null ? '–' : fmt(loss)}</dd>
      </div>
      {testLoss !== null && (
        <div>
          <dt>test loss</dt>
          <dd data-testid="test-loss">{fmt(testLoss)}</dd>
        </div>
      )}
      {classification && (
        <div>
          <dt>accuracy</dt>
          <dd data-testid="accuracy">{pct(acc)}</dd>
        </div>
      )}
      {classification && testAcc !== null && (
        <div>
          <dt>test accuracy</dt>
          <dd data-testid="test-accuracy">{pct(testAcc)}</dd>
        </div>
      )}
    </dl>
  );
}
