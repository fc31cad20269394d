// Step-through backprop state: the frames (one per backward node or fan-out sum) and where the student is.
import { create } from 'zustand';
import type { StepFrame, EdgeStepView } from './frames';

export interface StepThroughState {
  active: boolean;
  frames: StepFrame[];
  /** -1 = the forward pass only; 0..frames.length-1 = that backward frame done. */
  index: number;
  /** views[index + 1][edgeId]: what each edge shows at that point (precomputed so selections are stable). */
  views: Record<string, EdgeStepView>[];
  error: string | null;
}

export const useStepThrough = create<StepThroughState>()(() => ({ active: false, frames: [], index: -1, views: [], error: null }));

export const stepThrough = {
  start(frames: StepFrame[], views: Record<string, EdgeStepView>[]): void {
    useStepThrough.setState({ active: true, frames, views, index: -1, error: null });
  },
  fail(error: string): void {
    useStepThrough.setState({ active: true, frames: [], views: [], index: -1, error });
  },
  next(): void {
    const s = useStepThrough.getState();
    if (s.index < s.frames.length - 1) useStepThrough.setState({ index: s.index + 1 });
  },
  back(): void {
    const s = useStepThrough.getState();
    if (s.index > -1) useStepThrough.setState({ index: s.index - 1 });
  },
  exit(): void {
    useStepThrough.setState({ active: false, frames: [], views: [], index: -1, error: null });
  },
};

/** What this edge shows in step-through mode (undefined when the mode is off). */
export function useEdgeStep(edgeId: string): EdgeStepView | undefined {
  return useStepThrough((s) => (s.active ? s.views[s.index + 1]?.[edgeId] : undefined));
}
