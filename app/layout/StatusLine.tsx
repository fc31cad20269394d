// The status line (role="status"): refusals, saves, storage trouble; read out by screen readers.
import { useDoc } from '../store';

export function StatusLine() {
  const status = useDoc((s) => s.status);
  return (
    <div className={`status-line ${status?.kind ?? ''}`} role="status" aria-live="polite" data-seq={status?.seq ?? 0}>
      {status?.text ?? 'Drag nodes from the palette, or double-click the canvas.'}
    </div>
  );
}
