// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Palette } from '../../app/palette/Palette';
import { QuickAdd } from '../../app/canvas/QuickAdd';
import { OP_DRAG_TYPE } from '../../app/palette/catalogue';
import { OP_NAMES } from '../../engine/ops/registry';
import { docStore, resetDocStore } from '../../app/store';

describe('palette', () => {
  beforeEach(() => resetDocStore());
  afterEach(cleanup);

  it('lists every op of the catalogue, grouped by category', () => {
    render(<Palette placeForClick={() => ({ x: 0, y: 0 })} />);
    const nav = screen.getByRole('navigation', { name: 'Node palette' });
    const shown = within(nav).getAllByRole('button').map((b) => b.getAttribute('data-op'));
    expect(shown.sort()).toEqual([...OP_NAMES].sort());
    const groups = within(nav).getAllByRole('heading').map((h) => h.textContent);
    expect(groups).toEqual(['Data', 'Layers', 'Activations', 'Math', 'Losses']);
    const losses = within(screen.getByRole('region', { name: 'Losses' })).getAllByRole('button').map((b) => b.textContent);
    expect(losses).toContain('BCELoss');
  });

  it('adds a clicked op where the canvas asks', () => {
    render(<Palette placeForClick={() => ({ x: 120, y: 80 })} />);
    fireEvent.click(screen.getByRole('button', { name: /^Add Linear/ }));
    expect(docStore.getState().doc.nodes).toEqual([{ id: 'linear1', op: 'Linear', attrs: { in: 2, out: 2 }, position: { x: 120, y: 80 } }]);
  });

  it('puts the op name on the drag so the canvas can place it', () => {
    render(<Palette placeForClick={() => ({ x: 0, y: 0 })} />);
    const data = new Map<string, string>();
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), effectAllowed: '' };
    fireEvent.dragStart(screen.getByRole('button', { name: /^Add Sigmoid/ }), { dataTransfer });
    expect(data.get(OP_DRAG_TYPE)).toBe('Sigmoid');
  });
});

describe('quick-add list', () => {
  afterEach(cleanup);

  it('filters as you type, moves with arrows and adds with Enter', () => {
    const picked: string[] = [];
    render(<QuickAdd at={{ left: 0, top: 0 }} onPick={(op) => picked.push(op)} onClose={() => picked.push('closed')} />);
    const input = screen.getByRole('combobox', { name: 'Search nodes' });
    fireEvent.change(input, { target: { value: 'relu' } });
    const options = screen.getAllByRole('option').map((o) => o.querySelector('strong')?.textContent);
    expect(options.slice(0, 2)).toEqual(['ReLU', 'LeakyReLU']);
    expect(screen.getAllByRole('option')[0].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(picked).toEqual(['LeakyReLU']);
  });

  it('closes on Escape and says when nothing matches', () => {
    const picked: string[] = [];
    render(<QuickAdd at={{ left: 0, top: 0 }} onPick={(op) => picked.push(op)} onClose={() => picked.push('closed')} />);
    const input = screen.getByRole('combobox', { name: 'Search nodes' });
    fireEvent.change(input, { target: { value: 'zzzz' } });
    expect(screen.getByText(/No node matches/)).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(picked).toEqual(['closed']);
  });
});
