// The canvas: React Flow drawing the document. Every change goes through the store (one undo step each; a drag is
// one); React Flow's nodes and edges are derived from the document with stable identities.
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type DragEvent, type MouseEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import { getOp } from '../../engine/ops/registry';
import { openFile } from '../files/open';
import { OP_DRAG_TYPE } from '../palette/catalogue';
import {
  addNode,
  beginGroup,
  checkConnection,
  connect,
  deleteElements,
  docStore,
  endGroup,
  moveNodes,
  setSelection,
  showStatus,
  useDoc,
  type XY,
} from '../store';
import { ValueEdge } from './ValueEdge';
import { EdgeLabelLayer } from './EdgeLabelLayer';
import { EdgeLabelText } from './EdgeLabelText';
import { OpNode } from './OpNode';
import { QuickAdd } from './QuickAdd';
import { onFitViewRequest } from './viewRequests';
import { edgeDeriver, nodeDeriver, type FlowEdge, type Measured, type OpFlowNode } from './flowModel';

const nodeTypes = { op: OpNode };
const edgeTypes = { value: ValueEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
const FIT = { padding: 0.2, maxZoom: 1.2 };
/** A dropped node lands with its header under the cursor, not its corner. */
const NODE_GRAB = { x: 75, y: 14 };
const CATEGORY_COLOURS: Record<string, string> = {
  data: '#4c9a6a',
  layers: '#3b6fb6',
  activations: '#c07a1c',
  math: '#7a5bb0',
  losses: '#b8473f',
};

/** A connection dragged out of a handle and dropped on the empty canvas, waiting for the node it will reach. */
interface PendingWire {
  nodeId: string;
  handle: 'source' | 'target';
  port: string;
}

/** Add a node and, when it came from a dropped connection, wire it in: one undo step (a refused wire keeps the node). */
function addWired(op: string, at: XY, wire: PendingWire | undefined): void {
  const place = wire?.handle === 'target' ? { x: at.x - 2 * NODE_GRAB.x, y: at.y - NODE_GRAB.y } : { x: at.x, y: at.y - NODE_GRAB.y };
  beginGroup(`add ${op}`);
  const id = addNode(op, place);
  const input = getOp(op)?.inputs[0];
  if (id && wire?.handle === 'source' && input) connect({ source: wire.nodeId, target: id, targetPort: input });
  if (id && wire?.handle === 'target') connect({ source: id, target: wire.nodeId, targetPort: wire.port });
  endGroup();
}

function wireOf(c: Connection): { source: string; target: string; targetPort: string } {
  return { source: c.source, target: c.target, targetPort: c.targetHandle ?? '' };
}

export function Canvas() {
  const flow = useReactFlow<OpFlowNode, FlowEdge>();
  const docNodes = useDoc((s) => s.doc.nodes);
  const docEdges = useDoc((s) => s.doc.edges);
  const selection = useDoc((s) => s.selection);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(() => new Map());
  const measuredRef = useRef(measured);
  measuredRef.current = measured;
  /** The quick-add list; `wire` when it opened from a connection dropped on the empty canvas. */
  const [quick, setQuick] = useState<{ left: number; top: number; at: XY; wire?: PendingWire } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  // The pane's size in pixels for the dotted background (app.css): an SVG sized in percent is re-resolved and repainted
  // whole whenever anything inside the canvas lays out (an edge's width, a label), re-rasterising the entire canvas.
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  const paneSize = useMemo(
    () => (paneWidth > 0 && paneHeight > 0 ? ({ '--wg-pane-width': `${paneWidth}px`, '--wg-pane-height': `${paneHeight}px` } as CSSProperties) : undefined),
    [paneWidth, paneHeight],
  );
  // Fit the view to a graph that is there on arrival; an empty canvas keeps zoom 1 so first drops land where aimed.
  const [fitOnStart] = useState(() => docStore.getState().doc.nodes.length > 0);

  // React Flow queues a fit until the new nodes are measured.
  useEffect(() => onFitViewRequest(() => void flow.fitView(FIT)), [flow]);

  const deriveNodes = useMemo(nodeDeriver, []);
  const deriveEdges = useMemo(edgeDeriver, []);
  const selNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const nodes = useMemo(() => deriveNodes(docNodes, selNodes, measured), [deriveNodes, docNodes, selNodes, measured]);
  const edges = useMemo(() => deriveEdges(docEdges, selEdges), [deriveEdges, docEdges, selEdges]);

  const onNodesChange = useCallback((changes: NodeChange<OpFlowNode>[]) => {
    const moves: Record<string, XY> = {};
    let moved = false;
    let dims: Map<string, Measured> | null = null;
    let sel: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        moves[c.id] = c.position;
        moved = true;
      } else if (c.type === 'dimensions' && c.dimensions) {
        dims ??= new Map(measuredRef.current);
        const old = dims.get(c.id);
        if (!old || old.width !== c.dimensions.width || old.height !== c.dimensions.height) dims.set(c.id, { ...c.dimensions });
      } else if (c.type === 'select') {
        sel ??= new Set(docStore.getState().selection.nodes);
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
      // 'remove' arrives through onDelete, nodes and edges together, as one undo step.
    }
    if (moved) moveNodes(moves);
    if (dims) setMeasured(dims);
    if (sel) setSelection({ nodes: [...sel], edges: docStore.getState().selection.edges });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    let sel: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'select') {
        sel ??= new Set(docStore.getState().selection.edges);
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
    }
    if (sel) setSelection({ nodes: docStore.getState().selection.nodes, edges: [...sel] });
  }, []);

  const onDelete: OnDelete<OpFlowNode, FlowEdge> = useCallback(({ nodes: n, edges: e }) => {
    deleteElements(
      n.map((x) => x.id),
      e.map((x) => x.id),
    );
  }, []);

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback(
    (c) => checkConnection(docStore.getState().doc, { source: c.source, target: c.target, targetPort: c.targetHandle ?? '' }).ok,
    [],
  );

  const onConnect = useCallback((c: Connection) => void connect(wireOf(c)), []);

  // React Flow drops an invalid connection silently; say why it was refused. Dropped on the empty canvas, a
  // connection opens the quick-add list and wires the new node in.
  const onConnectEnd = useCallback((e: globalThis.MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (!state.fromHandle) return;
    if (!state.toHandle && !state.toNode && wrapper.current && (e.target as Element | null)?.classList?.contains('react-flow__pane')) {
      const p = 'changedTouches' in e ? e.changedTouches[0] : e;
      const box = wrapper.current.getBoundingClientRect();
      const wire: PendingWire = { nodeId: state.fromHandle.nodeId, handle: state.fromHandle.type, port: state.fromHandle.id ?? '' };
      setQuick({ left: p.clientX - box.left, top: p.clientY - box.top, at: flow.screenToFlowPosition({ x: p.clientX, y: p.clientY }), wire });
      return;
    }
    if (state.isValid !== false || !state.toHandle) return;
    const [from, to] = state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
    connect({ source: from.nodeId, target: to.nodeId, targetPort: to.id ?? '' });
  }, [flow]);

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy'; // must match the palette's effectAllowed, or the browser refuses the drop
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      const op = e.dataTransfer.getData(OP_DRAG_TYPE);
      if (op && getOp(op)) {
        const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        addNode(op, { x: p.x - NODE_GRAB.x, y: p.y - NODE_GRAB.y });
        return;
      }
      const file = e.dataTransfer.files?.[0];
      if (file) {
        if (!/\.json$/i.test(file.name) && file.type !== 'application/json') {
          showStatus(`${file.name} is not a .json graph file`, 'error');
          return;
        }
        void openFile(file);
      }
    },
    [flow],
  );

  const onDoubleClick = useCallback(
    (e: MouseEvent) => {
      const target = e.target as Element;
      if (!target.classList?.contains('react-flow__pane') || !wrapper.current) return;
      const box = wrapper.current.getBoundingClientRect();
      setQuick({ left: e.clientX - box.left, top: e.clientY - box.top, at: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
    },
    [flow],
  );

  return (
    <div className="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} aria-label="Graph canvas" role="region">
      <ReactFlow<OpFlowNode, FlowEdge>
        style={paneSize}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={() => beginGroup('move')}
        onNodeDragStop={endGroup}
        onSelectionDragStart={() => beginGroup('move')}
        onSelectionDragStop={endGroup}
        onDoubleClick={onDoubleClick}
        zoomOnDoubleClick={false}
        deleteKeyCode={DELETE_KEYS}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        fitView={fitOnStart}
        fitViewOptions={FIT}
        minZoom={0.2}
        maxZoom={2.5}
      >
        <Background gap={20} size={1} color="#d9dde3" />
        <Controls position="bottom-left" />
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          ariaLabel="Minimap"
          nodeColor={(n: OpFlowNode) => CATEGORY_COLOURS[getOp(n.data.node.op)?.category ?? ''] ?? '#888'}
        />
        <EdgeLabelLayer />
      </ReactFlow>
      <EdgeLabelText />
      {docNodes.length === 0 ? (
        <div className="canvas-empty" aria-hidden="true">
          <p>Drag an op from the palette, or double-click here to search for one.</p>
          <p className="muted">Or open a template from the toolbar, or drop a .json graph file here.</p>
        </div>
      ) : null}
      {quick ? (
        <QuickAdd
          at={{ left: quick.left, top: quick.top }}
          onPick={(op) => {
            addWired(op, quick.at, quick.wire);
            setQuick(null);
          }}
          onClose={() => setQuick(null)}
        />
      ) : null}
    </div>
  );
}
