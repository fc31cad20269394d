import { beforeEach, describe, expect, it } from 'vitest';
import { edgeDeriver, nodeDeriver } from '../../app/canvas/flowModel';
import { addNode, connect, docStore, moveNodes, resetDocStore, setParams } from '../../app/store';

describe('React Flow nodes derived from the document', () => {
  beforeEach(() => resetDocStore());

  it('an unchanged node keeps its object when another node moves, is selected or an edge is added', () => {
    const a = addNode('Input', { x: 0, y: 0 }) as string;
    const b = addNode('Linear', { x: 200, y: 0 }) as string;
    const derive = nodeDeriver();
    const none = new Set<string>();
    const first = derive(docStore.getState().doc.nodes, none, new Map());
    moveNodes({ [b]: { x: 300, y: 10 } });
    const second = derive(docStore.getState().doc.nodes, none, new Map());
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1].position).toEqual({ x: 300, y: 10 });
    connect({ source: a, target: b, targetPort: 'in' });
    const third = derive(docStore.getState().doc.nodes, new Set([b]), new Map());
    expect(third[0]).toBe(first[0]);
    expect(third[1].selected).toBe(true);
  });

  it('trained weights written back change only the node they belong to', () => {
    addNode('Input', { x: 0, y: 0 });
    const fc = addNode('Linear', { x: 200, y: 0 }) as string;
    const derive = nodeDeriver();
    const first = derive(docStore.getState().doc.nodes, new Set(), new Map());
    setParams({ [`${fc}.weight`]: [1, 2, 3, 4] });
    const second = derive(docStore.getState().doc.nodes, new Set(), new Map());
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
  });

  it('edges keep their objects until they or their selection change', () => {
    const a = addNode('Input', { x: 0, y: 0 }) as string;
    const b = addNode('Linear', { x: 0, y: 0 }) as string;
    const c = addNode('ReLU', { x: 0, y: 0 }) as string;
    connect({ source: a, target: b, targetPort: 'in' });
    const derive = edgeDeriver();
    const first = derive(docStore.getState().doc.edges, new Set());
    expect(first[0]).toMatchObject({ source: a, target: b, sourceHandle: 'out', targetHandle: 'in', type: 'value' });
    connect({ source: b, target: c, targetPort: 'in' });
    const second = derive(docStore.getState().doc.edges, new Set());
    expect(second[0]).toBe(first[0]);
    expect(derive(docStore.getState().doc.edges, new Set(['e1']))[0].selected).toBe(true);
  });
});
