import dagre from '@dagrejs/dagre';
import type { GraphNodeKind, ModelGraph } from './types';

/** Drawn node sizes in px (the canvas styles match them), so the layout leaves room for each. */
export const NODE_SIZE: Record<GraphNodeKind, { width: number; height: number }> = {
  input: { width: 170, height: 60 },
  layer: { width: 170, height: 60 },
  experts: { width: 190, height: 66 },
  gate: { width: 150, height: 60 },
  head: { width: 190, height: 64 },
};

/** Places the nodes top to bottom in data-flow order (Sugiyama layering, by dagre). */
export function autoLayout(graph: ModelGraph): ModelGraph {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 18, ranksep: 44, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { ...NODE_SIZE[node.data.kind] });
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  // dagre may swap siblings; within each row keep its slots but fill them in document order,
  // so heads read in the dataset's task order and a tree stays free of crossings.
  const centres = new Map(graph.nodes.map((n) => [n.id, { x: g.node(n.id).x, y: g.node(n.id).y }]));
  const rows = new Map<number, string[]>();
  for (const node of graph.nodes) {
    const y = Math.round(centres.get(node.id)!.y);
    rows.set(y, [...(rows.get(y) ?? []), node.id]);
  }
  for (const ids of rows.values()) {
    const slots = ids.map((id) => centres.get(id)!.x).sort((a, b) => a - b);
    ids.forEach((id, i) => (centres.get(id)!.x = slots[i]));
  }
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const { x, y } = centres.get(node.id)!;
      const { width, height } = NODE_SIZE[node.data.kind];
      // dagre gives centres; the canvas places nodes by their top-left corner.
      return { ...node, position: { x: Math.round(x - width / 2), y: Math.round(y - height / 2) } };
    }),
  };
}
