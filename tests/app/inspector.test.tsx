// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Inspector } from '../../app/inspector/Inspector';
import { addNode, connect, docStore, resetDocStore, setAttr, setSelection, undo } from '../../app/store';

const node = (id: string) => docStore.getState().doc.nodes.find((n) => n.id === id);

describe('inspector', () => {
  beforeEach(() => resetDocStore());
  afterEach(cleanup);

  it('shows the selected node: op, output shape, typed attrs and its parameters', () => {
    const x = addNode('Input', { x: 0, y: 0 }) as string;
    const fc = addNode('Linear', { x: 0, y: 0 }) as string;
    connect({ source: x, target: fc, targetPort: 'in' });
    setSelection({ nodes: [fc], edges: [] });
    render(<Inspector />);
    expect(screen.getByRole('heading', { name: /Linear/ }).textContent).toContain('linear1');
    expect(screen.getByText('[B, 2]')).toBeTruthy();
    expect((screen.getByLabelText('in') as HTMLInputElement).value).toBe('2');
    expect((screen.getByLabelText('bias') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('table', { name: 'weight of linear1' }).querySelectorAll('button')).toHaveLength(4);
    expect(screen.getByRole('table', { name: 'bias of linear1' }).querySelectorAll('button')).toHaveLength(2);
  });

  it('changing out re-initialises the weights to the new shape and says so', () => {
    const fc = addNode('Linear', { x: 0, y: 0 }) as string;
    render(<Inspector />);
    fireEvent.click(screen.getByRole('button', { name: /^weight\[0, 0\] of linear1/ }));
    const cell = screen.getByRole('textbox', { name: 'weight[0, 0] of linear1' });
    fireEvent.change(cell, { target: { value: '0.5' } });
    fireEvent.keyDown(cell, { key: 'Enter' });
    expect(node(fc)?.params?.weight).toEqual([[0.5, expect.any(Number)], [expect.any(Number), expect.any(Number)]]);
    const out = screen.getByLabelText('out');
    fireEvent.change(out, { target: { value: '3' } });
    fireEvent.keyDown(out, { key: 'Enter' });
    expect(node(fc)?.attrs).toEqual({ in: 2, out: 3 });
    expect(node(fc)?.params).toBeUndefined();
    expect(docStore.getState().status?.text).toMatch(/re-initialised \(weight 3×2, bias 3\)/);
    expect(screen.getByRole('table', { name: 'weight of linear1' }).querySelectorAll('button')).toHaveLength(6);
  });

  it('refuses an invalid size with the reason and leaves the graph as it was', () => {
    const fc = addNode('Linear', { x: 0, y: 0 }) as string;
    render(<Inspector />);
    const before = docStore.getState().doc;
    const out = screen.getByLabelText('out');
    fireEvent.change(out, { target: { value: '2.5' } });
    fireEvent.keyDown(out, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toMatch(/whole number/);
    fireEvent.change(out, { target: { value: '0' } });
    fireEvent.keyDown(out, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toMatch(/out/);
    expect(docStore.getState().doc).toBe(before);
    expect(node(fc)?.attrs).toEqual({ in: 2, out: 2 });
  });

  it('edits enums with a select and booleans with a checkbox, each one undo step', () => {
    const loss = addNode('BCELoss', { x: 0, y: 0 }) as string;
    render(<Inspector />);
    const reduction = screen.getByLabelText('reduction') as HTMLSelectElement;
    expect(reduction.selectedOptions[0].textContent).toBe('mean');
    fireEvent.change(reduction, { target: { value: '1' } });
    expect(node(loss)?.attrs).toEqual({ reduction: 'sum' });
    undo();
    expect(node(loss)?.attrs).toEqual({});
  });

  it('edits the label as text (markup stays text)', () => {
    const fc = addNode('Sigmoid', { x: 0, y: 0 }) as string;
    render(<Inspector />);
    const label = screen.getByLabelText('label');
    fireEvent.change(label, { target: { value: '<img src=x onerror=alert(1)>' } });
    fireEvent.keyDown(label, { key: 'Enter' });
    expect(node(fc)?.label).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });

  it('lists the node\'s problems', () => {
    const x = addNode('Input', { x: 0, y: 0 }) as string;
    const loss = addNode('BCELoss', { x: 0, y: 0 }) as string;
    connect({ source: x, target: loss, targetPort: 'input' });
    setSelection({ nodes: [loss], edges: [] });
    render(<Inspector />);
    expect(screen.getByText('Waiting for an edge into `target`.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Problems with this node' })).toBeNull();
  });

  it('lists shape problems in red with the node and port', () => {
    const x = addNode('Input', { x: 0, y: 0 }) as string;
    const fc = addNode('Linear', { x: 0, y: 0 }) as string;
    connect({ source: x, target: fc, targetPort: 'in' });
    setAttr(x, 'features', 3);
    setSelection({ nodes: [fc], edges: [] });
    render(<Inspector />);
    expect(screen.getByRole('list', { name: 'Problems with this node' }).textContent).toMatch(/port `in`: Linear linear1 .*3/);
  });

  it('shows the graph name when nothing is selected', () => {
    render(<Inspector />);
    const name = screen.getByLabelText('name');
    fireEvent.change(name, { target: { value: 'XOR' } });
    fireEvent.blur(name);
    expect(docStore.getState().doc.name).toBe('XOR');
  });
});
