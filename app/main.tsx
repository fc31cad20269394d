// Entry: open the start document (link, autosave, or empty), start autosaving, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { App } from './App';
import { startAutosave } from './files/autosave';
import { openStartDocument } from './files/startup';

const source = openStartDocument(location.hash);
// The link's graph is now the working copy: drop the hash so a reload restores later edits from the autosave.
if (source === 'link' || location.hash.startsWith('#g=')) history.replaceState(null, '', location.pathname + location.search);
startAutosave();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
