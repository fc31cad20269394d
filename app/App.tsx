// The editor's layout: toolbar; palette | canvas | inspector and training; status line. Each area has its own
// error boundary, so one crash never blanks the rest (the graph lives in the store, outside React).
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useRef } from 'react';
import { Canvas } from './canvas/Canvas';
import { useShortcuts } from './canvas/shortcuts';
import { PasteDialog, RefusalDialog } from './files/FileDialogs';
import { Inspector } from './inspector/Inspector';
import { ErrorBoundary } from './layout/ErrorBoundary';
import { StatusLine } from './layout/StatusLine';
import { Toolbar } from './layout/Toolbar';
import { Palette } from './palette/Palette';
import { TrainingPanel } from './training/TrainingPanel';
import type { XY } from './store';

function Workspace() {
  const flow = useReactFlow();
  const clicks = useRef(0);
  useShortcuts();
  // A clicked palette op lands mid-canvas, nudged so repeated clicks do not stack exactly.
  const placeForClick = useCallback((): XY => {
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const k = clicks.current++ % 8;
    const centre = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 400, y: 300 };
    const p = flow.screenToFlowPosition(centre);
    return { x: p.x - 80 + k * 24, y: p.y - 40 + k * 24 };
  }, [flow]);
  return (
    <div className="app">
      <ErrorBoundary area="the toolbar">
        <Toolbar />
      </ErrorBoundary>
      <div className="workspace">
        <ErrorBoundary area="the palette">
          <Palette placeForClick={placeForClick} />
        </ErrorBoundary>
        <main className="canvas-area">
          <ErrorBoundary area="the canvas">
            <Canvas />
          </ErrorBoundary>
        </main>
        <div className="side">
          <ErrorBoundary area="the inspector">
            <Inspector />
          </ErrorBoundary>
          <ErrorBoundary area="the training panel">
            <TrainingPanel />
          </ErrorBoundary>
        </div>
      </div>
      <StatusLine />
      <RefusalDialog />
      <PasteDialog />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Workspace />
    </ReactFlowProvider>
  );
}
