// Every op, grouped by category: drag one onto the canvas, or click (or Enter) to add it in view.
import type { DragEvent } from 'react';
import { addNode, type XY } from '../store';
import { CATEGORIES, OP_DRAG_TYPE, opsIn } from './catalogue';

export interface PaletteProps {
  /** Where a clicked op lands (the middle of the visible canvas). */
  placeForClick: () => XY;
}

export function Palette({ placeForClick }: PaletteProps) {
  const onDragStart = (e: DragEvent<HTMLButtonElement>, op: string) => {
    e.dataTransfer.setData(OP_DRAG_TYPE, op);
    e.dataTransfer.setData('text/plain', op);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label="Node palette">
      {CATEGORIES.map((c) => {
        const ops = opsIn(c.id);
        if (!ops.length) return null;
        return (
          <section key={c.id} className={`palette-group cat-${c.id}`} aria-labelledby={`palette-${c.id}`}>
            <h3 id={`palette-${c.id}`}>{c.title}</h3>
            <ul>
              {ops.map((d) => (
                <li key={d.op}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable
                    data-op={d.op}
                    title={d.summary}
                    aria-label={`Add ${d.op}: ${d.summary}`}
                    onDragStart={(e) => onDragStart(e, d.op)}
                    onClick={() => addNode(d.op, placeForClick())}
                  >
                    {d.op}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
