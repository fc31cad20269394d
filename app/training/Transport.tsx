// Play / pause / one step / reset, the backend (asked for and actually running) and the speed.
import type { BackendChoice } from '../../engine/executor';
import { clearParams } from '../store';
import { chooseBackend, resetTraining, trainingClient } from './controller';
import { useTraining } from './trainingStore';
import { stepThrough } from '../stepthrough/stepStore';

const BACKEND_NAMES = { cpu: 'CPU', webgpu: 'WebGPU' } as const;

export function Transport() {
  const status = useTraining((s) => s.status);
  const step = useTraining((s) => s.step);
  const sps = useTraining((s) => s.stepsPerSec);
  const backend = useTraining((s) => s.backend);
  const choice = useTraining((s) => s.backendChoice);
  const note = useTraining((s) => s.backendNote);
  const ready = backend !== null && status !== 'error';
  const running = status === 'running';
  return (
    <div className="wg-transport">
      <div className="wg-buttons">
        <button
          type="button"
          className={`wg-play ${running ? 'is-running' : ''}`}
          aria-label={running ? 'Pause training' : 'Play: train'}
          disabled={!ready}
          onClick={() => {
            if (running) return trainingClient().pause();
            // Training moves every edge on: the step-through frames would be stale.
            stepThrough.exit();
            trainingClient().play();
          }}
        >
          {running ? '❚❚' : '▶'}
        </button>
        <button type="button" aria-label="One step" title="One training step" disabled={!ready || running} onClick={() => trainingClient().step(1)}>
          +1
        </button>
        <button
          type="button"
          aria-label="Reset weights"
          title="Reset: re-initialise the weights from the seed"
          onClick={() => resetTraining(clearParams)}
        >
          ↺
        </button>
      </div>
      <div className="wg-counters" aria-live="off">
        <div>
          <span className="wg-big" data-testid="step-count">
            {step.toLocaleString('en')}
          </span>
          <span className="wg-muted"> steps</span>
        </div>
        <div className="wg-muted" data-testid="steps-per-sec">
          {running ? `${Math.round(sps).toLocaleString('en')} steps/s` : status === 'error' ? 'cannot train' : 'paused'}
        </div>
      </div>
      <label className="wg-field wg-backend">
        backend
        <select aria-label="backend" value={choice} onChange={(e) => chooseBackend(e.target.value as BackendChoice)}>
          <option value="auto">auto</option>
          <option value="webgpu">WebGPU</option>
          <option value="cpu">CPU</option>
        </select>
        <span className="wg-badge" data-testid="backend-running" title={note ?? undefined}>
          {backend ? `runs on ${BACKEND_NAMES[backend]}` : '…'}
        </span>
      </label>
      {note && <p className="wg-note">{note}</p>}
    </div>
  );
}
