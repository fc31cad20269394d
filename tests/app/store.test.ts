import { beforeEach, describe, expect, it } from 'vitest';
import {
  addNode, beginGroup, connect, copySelection, deleteElements, docStore, endGroup, moveNodes, paste, redo,
  resetDocStore, setAttr, setParams, setParamValue, setSelection, undo, currentParams,
} from '../../app/store';

const doc = () => docStore.getState().doc;
const status = () => docStore.getState().status?.text ?? '';

function chain(): { x: string; fc: string; act: string } {
  const x = addNode('Input', { x: 0, y: 0 }) as string;
  const fc = addNode('Linear', { x: 200, y: 0 }) as string;
  const act = addNode('ReLU', { x: 400, y: 0 }) as string;
  expect(connect({ source: x, target: fc, targetPort: 'in' })).toBeNull();
  expect(connect({ source: fc, target: act, targetPort: 'in' })).toBeNull();
  return { x, fc, act };
}

describe('document store', () => {
  beforeEach(() => resetDocStore());

  it('adds nodes with fresh readable ids and starter attrs', () => {
    const a = addNode('Linear', { x: 10.4, y: 20.6 });
    const b = addNode('Linear', { x: 0, y: 0 });
    expect([a, b]).toEqual(['linear1', 'linear2']);
    expect(doc().nodes[0]).toMatchObject({ op: 'Linear', attrs: { in: 2, out: 2 }, position: { x: 10, y: 21 } });
    expect(docStore.getState().selection.nodes).toEqual(['linear2']);
  });

  it('connects an output to an input port', () => {
    const { x, fc } = chain();
    expect(doc().edges).toContainEqual({ id: 'e1', source: x, target: fc, targetPort: 'in' });
    expect(doc().edges).toHaveLength(2);
  });

  it('refuses a second edge into a port, saying which edge holds it', () => {
    const { fc, act } = chain();
    const x2 = addNode('Input', { x: 0, y: 100 }) as string;
    const before = doc();
    const reason = connect({ source: x2, target: fc, targetPort: 'in' });
    expect(reason).toMatch(/already takes an edge from input1/);
    expect(doc()).toBe(before);
    expect(status()).toMatch(/Cannot connect input2 → linear1\.in/);
    expect(act).toBe('relu1');
  });

  it('refuses a self-loop', () => {
    const sum = addNode('Add', { x: 0, y: 0 }) as string;
    expect(connect({ source: sum, target: sum, targetPort: 'b' })).toMatch(/Add add1 cannot feed itself/);
  });

  it('refuses a cycle through free ports', () => {
    const a = addNode('Add', { x: 0, y: 0 }) as string;
    const b = addNode('Add', { x: 0, y: 0 }) as string;
    expect(connect({ source: a, target: b, targetPort: 'a' })).toBeNull();
    expect(connect({ source: b, target: a, targetPort: 'a' })).toBe(`that would make a cycle: ${a} → ${b} → ${a}`);
  });

  it('refuses a connection whose shapes do not fit, with the shape rule\'s message', () => {
    const x = addNode('Input', { x: 0, y: 0 }) as string;
    setAttr(x, 'features', 3);
    const fc = addNode('Linear', { x: 0, y: 0 }) as string;
    const reason = connect({ source: x, target: fc, targetPort: 'in' });
    expect(reason).toMatch(/3/);
    expect(doc().edges).toHaveLength(0);
  });

  it('deletes nodes with their edges as one undo step', () => {
    const { fc } = chain();
    const before = doc();
    deleteElements([fc], []);
    expect(doc().nodes.map((n) => n.id)).toEqual(['input1', 'relu1']);
    expect(doc().edges).toEqual([]);
    undo();
    expect(doc()).toEqual(before);
    redo();
    expect(doc().edges).toEqual([]);
  });

  it('undoes and redoes every step in order', () => {
    chain();
    const full = doc();
    undo();
    expect(doc().edges).toHaveLength(1);
    undo();
    undo();
    expect(doc().nodes).toHaveLength(2);
    redo();
    redo();
    redo();
    expect(doc()).toEqual(full);
  });

  it('a new edit after undo drops the redo branch', () => {
    chain();
    undo();
    addNode('Sigmoid', { x: 0, y: 0 });
    redo();
    expect(doc().edges).toHaveLength(1);
  });

  it('coalesces a drag from start to stop into one undo step', () => {
    const { fc } = chain();
    const start = doc();
    beginGroup('move');
    for (let i = 1; i <= 30; i++) moveNodes({ [fc]: { x: 200 + i * 5, y: i } });
    endGroup();
    expect(doc().nodes[1].position).toEqual({ x: 350, y: 30 });
    undo();
    expect(doc()).toEqual(start);
    redo();
    expect(doc().nodes[1].position).toEqual({ x: 350, y: 30 });
  });

  it('moving a node to where it already is makes no undo step', () => {
    const { fc } = chain();
    const steps = docStore.getState().past.length;
    const before = doc();
    moveNodes({ [fc]: { x: 200.2, y: 0 } });
    expect(doc()).toBe(before);
    expect(docStore.getState().past.length).toBe(steps);
  });

  it('pastes the copied nodes with fresh ids, offset, keeping only the edges among them', () => {
    const { fc, act } = chain();
    setSelection({ nodes: [fc, act], edges: [] });
    expect(copySelection()).toBe(2);
    const pasted = paste();
    expect(pasted).toEqual(['linear2', 'relu2']);
    const d = doc();
    expect(d.nodes).toHaveLength(5);
    expect(d.edges.filter((e) => pasted.includes(e.target))).toEqual([{ id: 'e3', source: 'linear2', target: 'relu2', targetPort: 'in' }]);
    expect(d.nodes[3].position).toEqual({ x: 240, y: 40 });
    expect(docStore.getState().selection.nodes).toEqual(pasted);
    undo();
    expect(doc().nodes).toHaveLength(3);
  });

  it('re-initialises a Linear\'s params when a new size no longer fits them, and says so', () => {
    const fc = addNode('Linear', { x: 0, y: 0 }) as string;
    setParamValue(fc, 'weight', 1, 0.5);
    expect(doc().nodes[0].params?.weight).toHaveLength(2);
    setAttr(fc, 'out', 3);
    expect(doc().nodes[0].params).toBeUndefined();
    expect(status()).toMatch(/re-initialised \(weight 3×2, bias 3\)/);
    expect(currentParams(doc(), doc().nodes[0]).weight.shape).toEqual([3, 2]);
  });

  it('refuses an invalid attr value without changing the graph', () => {
    const fc = addNode('Linear', { x: 0, y: 0 }) as string;
    const before = doc();
    expect(setAttr(fc, 'out', 0)).toMatch(/out/);
    expect(doc()).toBe(before);
  });

  it('edits one weight as one step, keeping the others', () => {
    const fc = addNode('Linear', { x: 0, y: 0 }) as string;
    const init = currentParams(doc(), doc().nodes[0]);
    setParamValue(fc, 'weight', 3, 0.25);
    const now = currentParams(doc(), doc().nodes[0]);
    expect(now.weight.values).toEqual([...init.weight.values.slice(0, 3), 0.25]);
    expect(now.bias.values).toEqual(init.bias.values);
    undo();
    expect(doc().nodes[0].params).toBeUndefined();
  });

  it('takes trained weights from the training side without an undo step', () => {
    const fc = addNode('Linear', { x: 0, y: 0 }) as string;
    const steps = docStore.getState().past.length;
    setParams({ [`${fc}.weight`]: new Float32Array([1, 2, 3, 4]), 'nosuch.weight': [1] });
    expect(doc().nodes[0].params?.weight).toEqual([[1, 2], [3, 4]]);
    expect(doc().nodes[0].params?.bias).toHaveLength(2);
    expect(docStore.getState().past.length).toBe(steps);
  });
});
