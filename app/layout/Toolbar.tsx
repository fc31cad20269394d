// The top bar: file controls, undo/redo, fit view, auto-layout.
import { useReactFlow } from '@xyflow/react';
import { FileMenu } from '../files/FileMenu';
import { beginGroup, docStore, endGroup, moveNodes, redo, showStatus, undo, useDoc } from '../store';

export function Toolbar() {
  const flow = useReactFlow();
  const canUndo = useDoc((s) => s.past.length > 0 || s.group !== null);
  const canRedo = useDoc((s) => s.future.length > 0);
  const name = useDoc((s) => s.doc.name);
  const layout = async () => {
    const doc = docStore.getState().doc;
    try {
      // elkjs is large: load it the first time someone asks for a layout.
      const { layoutPositions } = await import('../canvas/autoLayout');
      const positions = await layoutPositions(doc, (id) => {
        const m = flow.getNode(id)?.measured;
        return { width: m?.width ?? 160, height: m?.height ?? 80 };
      });
      beginGroup('auto-layout');
      moveNodes(positions);
      endGroup();
      // After React Flow has taken the new positions (a frame later), frame them.
      setTimeout(() => void flow.fitView({ padding: 0.2, maxZoom: 1.2, duration: 200 }), 80);
    } catch (e) {
      showStatus(`Auto-layout failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };
  return (
    <header className="toolbar">
      <h1 className="brand" title={name || 'untitled'}>
        wiregrad <span className="doc-name">{name || 'untitled'}</span>
      </h1>
      <FileMenu />
      <div className="edit-menu" role="group" aria-label="Edit">
        <button type="button" onClick={undo} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
          ↶ Undo
        </button>
        <button type="button" onClick={redo} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z, Ctrl+Y)">
          ↷ Redo
        </button>
        <button type="button" onClick={() => void flow.fitView({ padding: 0.2, maxZoom: 1.2, duration: 200 })} aria-label="Fit graph to view">
          Fit
        </button>
        <button type="button" onClick={() => void layout()} aria-label="Auto-layout">
          Layout
        </button>
      </div>
    </header>
  );
}
