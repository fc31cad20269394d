// Asks the canvas to frame the graph (after a file, link or template replaced it). A tiny channel, so files/ need
// not reach into React Flow.
type Listener = () => void;
const listeners = new Set<Listener>();

export function requestFitView(): void {
  for (const l of listeners) l();
}

export function onFitViewRequest(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
