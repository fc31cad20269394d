// Why training cannot run or stopped: compile issues (each with its place), errors, a numerical blow-up + restore.
import { setSelection, useDoc } from '../store';
import { trainingClient } from './controller';
import { useTraining } from './trainingStore';

export function Problems() {
  const issues = useTraining((s) => s.issues);
  const error = useTraining((s) => s.error);
  const nonFinite = useTraining((s) => s.nonFinite);
  // The executor names an edge, or a node when it is the loss's own output (no edge carries it).
  const isEdge = useDoc((s) => (nonFinite ? s.doc.edges.some((e) => e.id === nonFinite.edge) : false));
  const empty = useDoc((s) => s.doc.nodes.length === 0);
  if (empty) return <p className="wg-muted">Build a graph (or open a template) with a loss node, choose a data set, and press Play.</p>;
  if (!issues.length && !error && !nonFinite) return null;
  return (
    <div className="wg-problems" role="alert">
      {issues.length > 0 && (
        <>
          <p>The graph cannot train yet:</p>
          <ul>
            {issues.map((i, k) => (
              <li key={k}>
                <span className="wg-place">{i.path}</span>: {i.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && <p>{error}</p>}
      {nonFinite && (
        <div>
          <p>
            Training paused at step {nonFinite.step}: {nonFinite.which === 'value' ? 'a value' : 'a gradient'} became NaN or infinite, first{' '}
            {isEdge ? 'on edge ' : 'at the output of node '}
            <button
              type="button"
              className="wg-link"
              onClick={() => setSelection(isEdge ? { nodes: [], edges: [nonFinite.edge] } : { nodes: [nonFinite.edge], edges: [] })}
            >
              {nonFinite.edge}
            </button>
            . Try a smaller learning rate.
          </p>
          <button type="button" onClick={() => trainingClient().restore()}>
            Restore last good weights
          </button>
        </div>
      )}
    </div>
  );
}
