// The searchable node list a double-click on the empty canvas opens: type to filter, arrows + Enter to add, Esc closes.
import { useState, type KeyboardEvent } from 'react';
import { searchOps } from '../palette/catalogue';

export interface QuickAddProps {
  /** Where the list shows, in pixels within the canvas. */
  at: { left: number; top: number };
  onPick: (op: string) => void;
  onClose: () => void;
}

export function QuickAdd({ at, onPick, onClose }: QuickAddProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = searchOps(query);
  const current = Math.min(active, Math.max(0, matches.length - 1));
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((current + 1) % Math.max(1, matches.length));
    else if (e.key === 'ArrowUp') setActive((current - 1 + matches.length) % Math.max(1, matches.length));
    else if (e.key === 'Enter') {
      // Read what is typed now, not the last render's list: a fast typist's Enter must add what they see.
      const now = e.currentTarget.value === query ? matches : searchOps(e.currentTarget.value);
      const pick = now[e.currentTarget.value === query ? current : 0];
      if (pick) onPick(pick.op);
    }
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="quick-add" style={{ left: at.left, top: at.top }} role="dialog" aria-label="Add a node">
      <input
        autoFocus
        aria-label="Search nodes"
        placeholder="Search nodes…"
        value={query}
        role="combobox"
        aria-expanded="true"
        aria-controls="quick-add-list"
        aria-activedescendant={matches[current] ? `quick-add-${matches[current].op}` : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={onClose}
      />
      <ul id="quick-add-list" role="listbox" aria-label="Matching nodes">
        {matches.map((d, i) => (
          <li
            key={d.op}
            id={`quick-add-${d.op}`}
            role="option"
            aria-selected={i === current}
            className={`cat-${d.category}`}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(d.op);
            }}
          >
            <strong>{d.op}</strong> <span>{d.summary}</span>
          </li>
        ))}
        {matches.length === 0 ? <li className="quick-add-none">No node matches “{query}”</li> : null}
      </ul>
    </div>
  );
}
