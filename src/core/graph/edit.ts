import type { GraphEdge, GraphNode, GraphNodeData, ModelGraph, Position } from './types';
import { edgeId, INPUT_NODE_ID } from './types';

/** A fresh node id: the kind plus the first free number. */
export function newNodeId(graph: ModelGraph, data: GraphNodeData): string {
  const base = data.kind === 'layer' ? data.layer.type : data.kind;
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${base}-n${i}`)) return `${base}-n${i}`;
}

/** A group name no other expert group uses: `experts`, `experts_2`, … */
export function freeGroupName(graph: ModelGraph, wanted = 'experts'): string {
  const taken = new Set(
    graph.nodes.flatMap((n) => (n.data.kind === 'experts' ? [n.data.group] : [])),
  );
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}_${i}`)) return `${wanted}_${i}`;
}

export function addNode(graph: ModelGraph, data: GraphNodeData, position: Position): ModelGraph {
  const node: GraphNode = { id: newNodeId(graph, data), position, data };
  if (data.kind === 'experts') node.data = { ...data, group: freeGroupName(graph, data.group) };
  return { ...graph, nodes: [...graph.nodes, node] };
}

/** Copies nodes (not their connections) a little below and to the right. */
export function duplicateNodes(graph: ModelGraph, ids: readonly string[]): ModelGraph {
  let next = graph;
  for (const id of ids) {
    const node = graph.nodes.find((n) => n.id === id);
    if (!node || node.data.kind === 'input') continue;
    const at = { x: node.position.x + 24, y: node.position.y + 24 };
    next = addNode(next, structuredClone(node.data), at);
  }
  return next;
}

/** Removes nodes and their connections; the input node stays (the dataset defines it). */
export function removeNodes(graph: ModelGraph, ids: readonly string[]): ModelGraph {
  const gone = new Set(ids.filter((id) => id !== INPUT_NODE_ID));
  if (gone.size === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => !gone.has(n.id)),
    edges: graph.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
  };
}

export function removeEdges(graph: ModelGraph, ids: readonly string[]): ModelGraph {
  const gone = new Set(ids);
  return { ...graph, edges: graph.edges.filter((e) => !gone.has(e.id)) };
}

/** Why a connection cannot be drawn, or null when it can. */
export function connectionProblem(
  graph: ModelGraph,
  source: string,
  target: string,
): string | null {
  const from = graph.nodes.find((n) => n.id === source);
  const to = graph.nodes.find((n) => n.id === target);
  if (!from || !to) return 'Both ends must be nodes.';
  if (source === target) return 'A node cannot feed itself.';
  if (from.data.kind === 'head') return 'A head is an output: nothing comes after it.';
  if (to.data.kind === 'input') return 'The input comes from the dataset: nothing feeds it.';
  if (graph.edges.some((e) => e.source === source && e.target === target)) {
    return 'These nodes are already connected.';
  }
  return null;
}

/**
 * Draws a connection. Only gates take several inputs; connecting into any other node replaces its
 * current input, as a plug replaces a plug.
 */
export function connect(graph: ModelGraph, source: string, target: string): ModelGraph {
  if (connectionProblem(graph, source, target)) return graph;
  const to = graph.nodes.find((n) => n.id === target)!;
  const kept =
    to.data.kind === 'gate' ? graph.edges : graph.edges.filter((e) => e.target !== target);
  const edge: GraphEdge = { id: edgeId(source, target), source, target };
  return { ...graph, edges: [...kept, edge] };
}

export function updateNodeData(graph: ModelGraph, id: string, data: GraphNodeData): ModelGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (n.id === id && n.data.kind === data.kind ? { ...n, data } : n)),
  };
}

export function moveNodes(graph: ModelGraph, positions: ReadonlyMap<string, Position>): ModelGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const p = positions.get(n.id);
      return p ? { ...n, position: p } : n;
    }),
  };
}

/** Only the input node: the start of a model built by hand. */
export function emptyGraph(graph: ModelGraph): ModelGraph {
  const input = graph.nodes.find((n) => n.id === INPUT_NODE_ID);
  return {
    ...graph,
    nodes: input ? [{ ...input, position: { x: 16, y: 120 } }] : [],
    edges: [],
  };
}
