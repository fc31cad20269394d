// Data set, its generator settings, test split, batch size and seed: written into the document's `training`.
import type { DataSpec, TrainingSpec } from '../../engine/graph/types';
import { setTraining, useDoc } from '../store';
import { CsvImport } from './CsvImport';
import { NumberField } from './NumberField';

export const DATASETS: { id: string; label: string; group: string }[] = [
  { id: 'xor', label: 'XOR (4 corners)', group: 'Corners' },
  { id: 'and', label: 'AND (4 corners)', group: 'Corners' },
  { id: 'or', label: 'OR (4 corners)', group: 'Corners' },
  { id: 'circle', label: 'Circle', group: 'Point clouds' },
  { id: 'xor-noisy', label: 'XOR (noisy cloud)', group: 'Point clouds' },
  { id: 'gauss', label: 'Two Gaussians', group: 'Point clouds' },
  { id: 'spiral', label: 'Spiral', group: 'Point clouds' },
  { id: 'iris', label: 'Iris (4 features, 3 classes)', group: 'Real data' },
  { id: 'breast-cancer', label: 'Breast cancer (30 features)', group: 'Real data' },
  { id: 'wine', label: 'Wine (13 features, 3 classes)', group: 'Real data' },
  { id: 'digits', label: 'Digits (8×8 pixels, 10 classes)', group: 'Real data' },
];

const CLOUDS = new Set(['circle', 'xor-noisy', 'gauss', 'spiral']);

function currentId(spec: DataSpec | undefined): string {
  if (!spec) return '';
  return 'inline' in spec ? 'inline' : spec.builtin;
}

function num(v: string, fallback: number): number {
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : fallback;
}

export function DataSettings() {
  const t: TrainingSpec = useDoc((s) => s.doc.training) ?? {};
  const id = currentId(t.data);
  const cloud = t.data && 'builtin' in t.data && CLOUDS.has(t.data.builtin) ? (t.data as { samples?: number; noise?: number }) : null;
  const choose = (v: string): void => {
    if (v === 'inline' || v === '') return;
    setTraining((d) => {
      d.data = (CLOUDS.has(v) ? { builtin: v, samples: 200, noise: 0.1 } : { builtin: v }) as DataSpec;
    });
  };
  const inlineRows = t.data && 'inline' in t.data ? t.data.inline.x.length : 0;
  return (
    <fieldset className="wg-fieldset">
      <legend>Data</legend>
      <label className="wg-field">
        data set
        <select aria-label="data set" value={id} onChange={(e) => choose(e.target.value)}>
          {id === '' && <option value="">— choose —</option>}
          {['Corners', 'Point clouds', 'Real data'].map((g) => (
            <optgroup key={g} label={g}>
              {DATASETS.filter((d) => d.group === g).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </optgroup>
          ))}
          {id === 'inline' && <option value="inline">your data ({inlineRows} rows)</option>}
        </select>
      </label>
      {cloud && (
        <div className="wg-row">
          <label className="wg-field">
            samples
            <NumberField
              label="samples"
              min={10}
              max={5000}
              step={10}
              integer
              value={cloud.samples ?? 200}
              onCommit={(v) => setTraining((d) => void Object.assign(d.data ?? {}, { samples: v ?? 200 }))}
            />
          </label>
          <label className="wg-field">
            noise
            <input
              type="range"
              aria-label="noise"
              min={0}
              max={0.5}
              step={0.05}
              value={cloud.noise ?? 0.1}
              onChange={(e) => setTraining((d) => void Object.assign(d.data ?? {}, { noise: num(e.target.value, 0.1) }))}
            />
            <span className="wg-num">{(cloud.noise ?? 0.1).toFixed(2)}</span>
          </label>
        </div>
      )}
      <div className="wg-row">
        <label className="wg-field">
          test split
          <input
            type="range"
            aria-label="test split"
            min={0}
            max={0.9}
            step={0.05}
            value={t.split?.test ?? 0}
            onChange={(e) => setTraining((d) => void (d.split = { test: num(e.target.value, 0) }))}
          />
          <span className="wg-num">{Math.round((t.split?.test ?? 0) * 100)}%</span>
        </label>
      </div>
      <div className="wg-row">
        <label className="wg-field">
          batch size
          <NumberField
            label="batch size"
            min={1}
            integer
            allowEmpty
            placeholder="all"
            value={t.batchSize}
            onCommit={(v) =>
              setTraining((d) => {
                if (v === undefined) delete d.batchSize;
                else d.batchSize = v;
              })
            }
          />
        </label>
        <label className="wg-field">
          seed
          <NumberField label="seed" min={0} integer value={t.seed ?? 0} onCommit={(v) => setTraining((d) => void (d.seed = v ?? 0))} />
        </label>
      </div>
      <CsvImport />
    </fieldset>
  );
}
