// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ErrorBoundary } from '../../app/layout/ErrorBoundary';
import { addNode, docStore, resetDocStore } from '../../app/store';

let explode = true;
function Fragile() {
  if (explode) throw new Error('render failed');
  return <p>canvas is back</p>;
}

describe('error boundary', () => {
  afterEach(cleanup);

  it('a crash shows a calm message and "Reload view"; the graph in the store is untouched', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    resetDocStore();
    addNode('Linear', { x: 0, y: 0 });
    const doc = docStore.getState().doc;
    render(
      <>
        <ErrorBoundary area="the canvas">
          <Fragile />
        </ErrorBoundary>
        <p>inspector still here</p>
      </>,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/Something went wrong in the canvas\. Your graph is safe\./);
    expect(screen.getByText('inspector still here')).toBeTruthy();
    expect(docStore.getState().doc).toBe(doc);
    explode = false;
    fireEvent.click(screen.getByRole('button', { name: 'Reload view' }));
    expect(screen.getByText('canvas is back')).toBeTruthy();
    vi.restoreAllMocks();
  });
});
