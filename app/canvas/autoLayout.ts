// Auto-layout with elkjs: layered, left to right, sized from what React Flow measured.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { GraphDoc } from '../../engine/graph/types';
import type { XY } from '../store';

const elk = new ELK();

export async function layoutPositions(doc: GraphDoc, size: (id: string) => { width: number; height: number }): Promise<Record<string, XY>> {
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '50',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: doc.nodes.map((n) => ({ id: n.id, ...size(n.id) })),
    edges: doc.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const out = await elk.layout(graph);
  const positions: Record<string, XY> = {};
  for (const c of out.children ?? []) positions[c.id] = { x: c.x ?? 0, y: c.y ?? 0 };
  return positions;
}
