// The step-through controls: start (one forward pass), then Back / Next through the backward pass, one node at a time.
import { useEffect, useState } from 'react';
import { fetchDatasetReader } from '../../engine/train/data/fetch-reader';
import type { DatasetFileReader } from '../../engine/train/data/types';
import { docStore, useDoc } from '../store';
import { useTraining } from '../training/trainingStore';
import { runStepThrough } from './run';
import { stepThrough, useStepThrough } from './stepStore';

let reader: DatasetFileReader = fetchDatasetReader();
/** Tests read the shipped data sets from disk. */
export function setStepThroughReader(r: DatasetFileReader): void {
  reader = r;
}

export async function startStepThrough(): Promise<void> {
  const r = await runStepThrough(docStore.getState().doc, reader);
  if (r.ok) stepThrough.start(r.frames, r.views);
  else stepThrough.fail(r.error);
}

function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

export function StepThroughBar() {
  const { active, frames, index, error } = useStepThrough();
  const running = useTraining((s) => s.status === 'running');
  const doc = useDoc((s) => s.doc);
  const [busy, setBusy] = useState(false);

  // The frames belong to the graph they were computed on: any edit ends the walk-through.
  const [startedOn, setStartedOn] = useState(doc);
  useEffect(() => {
    if (active && doc !== startedOn) stepThrough.exit();
  }, [active, doc, startedOn]);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent): void => {
      if (isTyping(e.target)) return;
      if (e.key === 'n' || e.key === 'PageDown') stepThrough.next();
      else if (e.key === 'b' || e.key === 'PageUp') stepThrough.back();
      else if (e.key === 'Escape') stepThrough.exit();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  if (!active) {
    return (
      <div className="wg-stepthrough">
        <button
          type="button"
          disabled={busy || running}
          title={running ? 'Pause training first' : 'Run one forward pass, then walk the backward pass node by node'}
          onClick={() => {
            setBusy(true);
            setStartedOn(docStore.getState().doc);
            void startStepThrough().finally(() => setBusy(false));
          }}
        >
          Step through backprop
        </button>
      </div>
    );
  }
  const frame = index >= 0 ? frames[index] : null;
  return (
    <div
      className="wg-stepthrough is-active"
      role="group"
      aria-label="Step-through backprop"
      onKeyDown={(e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        e.preventDefault();
        if (e.key === 'ArrowRight') stepThrough.next();
        else stepThrough.back();
      }}
    >
      {error ? (
        <p className="wg-error" role="alert">
          {error}
        </p>
      ) : (
        <>
          <div className="wg-step-head">
            <b data-testid="step-title">{frame ? frame.title : 'Forward pass done: every edge has its value'}</b>
            <span className="wg-muted" data-testid="step-position">
              {index + 1} / {frames.length}
            </span>
          </div>
          <div className="wg-step-lines" aria-live="polite" data-testid="step-lines">
            {frame ? frame.lines.map((l, i) => <p key={i}>{l}</p>) : <p>Press Next (or N) to start at the loss: ∂L/∂L = 1.</p>}
          </div>
        </>
      )}
      <div className="wg-buttons">
        <button type="button" onClick={() => stepThrough.back()} disabled={index < 0} aria-label="Back one backward step">
          ← Back
        </button>
        <button type="button" onClick={() => stepThrough.next()} disabled={index >= frames.length - 1} aria-label="Next backward step">
          Next →
        </button>
        <button type="button" onClick={() => stepThrough.exit()} aria-label="Leave step-through">
          Done
        </button>
      </div>
    </div>
  );
}
