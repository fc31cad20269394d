// Optimiser, learning rate and momentum: written into the document's `training.optimizer`.
import type { OptimizerSpec } from '../../engine/graph/types';
import { setTraining, useDoc } from '../store';
import { NumberField } from './NumberField';

/** What the session assumes when the file names no optimiser (engine/train/session.ts). */
export const DEFAULT_OPTIMIZER: OptimizerSpec = { type: 'sgd', lr: 0.1 };

export function OptimizerSettings() {
  const opt = useDoc((s) => s.doc.training?.optimizer) ?? DEFAULT_OPTIMIZER;
  const set = (next: OptimizerSpec): void => setTraining((d) => void (d.optimizer = next));
  return (
    <fieldset className="wg-fieldset">
      <legend>Optimiser</legend>
      <div className="wg-row">
        <label className="wg-field">
          optimiser
          <select
            aria-label="optimiser"
            value={opt.type}
            onChange={(e) => set(e.target.value === 'adam' ? { type: 'adam', lr: opt.lr } : { type: 'sgd', lr: opt.lr })}
          >
            <option value="sgd">SGD</option>
            <option value="adam">Adam</option>
          </select>
        </label>
        <label className="wg-field">
          learning rate
          <NumberField label="learning rate" min={0} value={opt.lr} onCommit={(lr) => lr !== undefined && set({ ...opt, lr })} />
        </label>
        {opt.type === 'sgd' && (
          <label className="wg-field">
            momentum
            <NumberField label="momentum" min={0} max={0.999} step={0.1} value={opt.momentum ?? 0} onCommit={(m) => m !== undefined && set({ ...opt, momentum: m })} />
          </label>
        )}
      </div>
    </fieldset>
  );
}
