// The edge labels as text, for screen readers and automated browsers: the same words the label layer draws, one item
// per edge. While training runs the list holds still and says it is busy (numbers changing 15 times a second cannot be
// read, and rewriting the list per snapshot would cost the page what the canvas layer saves); on pause it catches up.
import { memo, useRef } from 'react';
import { useDoc } from '../store';
import { useStepThrough } from '../stepthrough/stepStore';
import { labelText } from '../training/labelContent';
import { useTraining, type EdgeProbe } from '../training/trainingStore';
import { cachedContent, showsLiveLabel } from './EdgeLabelLayer';

function EdgeLabelTextImpl() {
  const edges = useDoc((s) => s.doc.edges);
  const active = useStepThrough((s) => s.active);
  const views = useStepThrough((s) => s.views);
  const index = useStepThrough((s) => s.index);
  const running = useTraining((s) => s.status === 'running');
  const showLabels = useTraining((s) => s.showLabels);
  const nonFinite = useTraining((s) => s.nonFinite);
  // null while running: snapshots during a run do not re-render the list.
  const settled = useTraining((s) => (s.status === 'running' ? null : s.probes));
  const last = useRef<Record<string, EdgeProbe>>({});
  if (settled) last.current = settled;
  if (!showLabels) return null;
  const t = { showLabels, nonFinite, probes: last.current };
  const s = { active, views, index };
  return (
    <ul className="wg-sr-only" aria-label="edge labels" aria-busy={running}>
      {edges.map((e) => {
        const p = showsLiveLabel(e.id, t, s);
        const c = p && cachedContent(p);
        if (!c) return null;
        return (
          <li key={e.id} data-edge-label={e.id}>
            {e.source} → {e.target}: <span className="wg-label-text">{labelText(c)}</span>
          </li>
        );
      })}
    </ul>
  );
}

export const EdgeLabelText = memo(EdgeLabelTextImpl);
