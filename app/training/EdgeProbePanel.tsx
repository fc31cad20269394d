// The complete probe of the selected edge (rendered by the inspector): value and gradient of a chosen batch row,
// histograms over the batch, and both over recent steps.
import { useState } from 'react';
import { useDoc } from '../store';
import { Histogram } from '../charts/Histogram';
import { Sparkline } from '../charts/Sparkline';
import { diverging, fmt, maxAbs } from './format';
import { rowOf, useTraining } from './trainingStore';
import { useEdgeProbe } from './useEdgeProbe';

function Cells({ a, label }: { a: Float32Array; label: string }) {
  const m = maxAbs(a);
  return (
    <table className="wg-probe-table" aria-label={label}>
      <caption>{label}</caption>
      <tbody>
        <tr>
          {Array.from(a, (v, i) => (
            <td key={i} style={{ background: diverging(v / m) }} title={`[${i}] ${v}`}>
              {fmt(v)}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

export function EdgeProbePanel({ edgeId }: { edgeId: string }) {
  const edge = useDoc((s) => s.doc.edges.find((e) => e.id === edgeId));
  const probe = useEdgeProbe(edgeId);
  const history = useTraining((s) => s.history[edgeId]);
  const [row, setRow] = useState(0);
  if (!edge) return null;
  const title = `${edge.source} → ${edge.target}.${edge.targetPort}`;
  if (!probe) {
    return (
      <section className="wg-probe" aria-label={`Edge ${edgeId}`}>
        <h3>{title}</h3>
        <p className="wg-muted">No values yet: press Play or Step in the training panel.</p>
      </section>
    );
  }
  const r = Math.min(row, Math.max(0, probe.rows - 1));
  const value = rowOf(probe, probe.value, r);
  const grad = probe.grad ? rowOf(probe, probe.grad, r) : null;
  return (
    <section className="wg-probe" aria-label={`Edge ${edgeId}`}>
      <p className="wg-muted">
        shape [{probe.shape.join(', ')}] · step {probe.step}
      </p>
      {probe.rows > 1 && (
        <label className="wg-field">
          batch row
          <input type="number" min={0} max={probe.rows - 1} value={r} onChange={(e) => setRow(Math.max(0, Number(e.target.value) || 0))} />
          <span className="wg-muted">of {probe.rows}</span>
        </label>
      )}
      <Cells a={value} label="value" />
      {grad ? <Cells a={grad} label="gradient ∂L/∂(this edge)" /> : <p className="wg-muted">No gradient flows into a loss's target.</p>}
      <div className="wg-hist-row">
        <Histogram data={probe.value} label="value" color="#2563eb" />
        {probe.grad && <Histogram data={probe.grad} label="gradient" color="#9333ea" />}
      </div>
      {history && <Sparkline steps={history.steps} series={history.value} label="value" />}
      {history && probe.grad && <Sparkline steps={history.steps} series={history.grad} label="gradient" />}
    </section>
  );
}
