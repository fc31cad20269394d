// Per-edge subscriptions: each edge (and the probe panel) re-renders only when its own edge's probe or marking changes.
import { useTraining, selectProbe, type EdgeProbe, type EdgeWidthMode } from './trainingStore';

export function useEdgeProbe(edgeId: string): EdgeProbe | undefined {
  return useTraining(selectProbe(edgeId));
}

/** 'value' | 'grad' when the first non-finite number appeared on this edge; null otherwise. */
export function useEdgeNonFinite(edgeId: string): 'value' | 'grad' | null {
  return useTraining((s) => (s.nonFinite && s.nonFinite.edge === edgeId ? s.nonFinite.which : null));
}

export function useShowLabels(): boolean {
  return useTraining((s) => s.showLabels);
}

/** Stroke width for this edge by |value| or |gradient| relative to the largest edge; a number, so equal widths don't re-render. */
export function useEdgeWidth(edgeId: string): number | null {
  return useTraining((s) => {
    const mode: EdgeWidthMode = s.edgeWidth;
    if (mode === 'off') return null;
    const p = s.probes[edgeId];
    if (!p) return null;
    const a = mode === 'value' ? p.value : p.grad;
    const max = mode === 'value' ? s.scale.value : s.scale.grad;
    if (!a || a.length === 0 || max <= 0) return 1;
    let m = 0;
    for (let i = 0; i < a.length; i++) m += Math.abs(a[i]);
    m /= a.length;
    // Quantised to half pixels so tiny changes don't re-render.
    return Math.round((1 + 7 * Math.min(1, m / max)) * 2) / 2;
  });
}
