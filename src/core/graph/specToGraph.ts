import type { HeadSpec, LayerSpec, ModelSpec } from '../spec/types';
import { autoLayout } from './layout';
import type { GraphEdge, GraphNode, GraphNodeData, ModelGraph } from './types';
import { edgeId, INPUT_NODE_ID } from './types';

/** The head's part of a node: everything but its tower and gate, which are nodes of their own. */
export function headNodeData(head: HeadSpec): GraphNodeData {
  return {
    kind: 'head',
    task: head.task,
    taskKind: head.kind,
    units: head.units,
    loss: structuredClone(head.loss),
    weight: head.weight,
    temperature: head.temperature,
  };
}

/**
 * Draws a spec as a graph: input → shared layers → expert groups → a gate per task → each head's
 * tower → its head. Node ids follow the spec's structure, so the same spec gives the same graph.
 */
export function specToGraph(spec: ModelSpec): ModelGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const add = (id: string, data: GraphNodeData) =>
    nodes.push({ id, position: { x: 0, y: 0 }, data });
  const link = (source: string, target: string) =>
    edges.push({ id: edgeId(source, target), source, target });
  const layerChain = (from: string, layers: readonly LayerSpec[], id: (i: number) => string) => {
    let last = from;
    layers.forEach((layer, i) => {
      add(id(i), { kind: 'layer', layer: structuredClone(layer) });
      link(last, id(i));
      last = id(i);
    });
    return last;
  };

  add(INPUT_NODE_ID, { kind: 'input' });
  const branch = layerChain(INPUT_NODE_ID, spec.trunk, (i) => `trunk-${i}`);
  for (const group of spec.experts) {
    add(`experts-${group.id}`, {
      kind: 'experts',
      group: group.id,
      count: group.count,
      layers: structuredClone(group.layers),
    });
    link(branch, `experts-${group.id}`);
  }
  for (const head of spec.heads) {
    let from = branch;
    if (head.gate) {
      const gate = `gate-${head.task}`;
      add(gate, { kind: 'gate', temperature: head.gate.temperature });
      for (const group of head.gate.groups) link(`experts-${group}`, gate);
      from = gate;
    }
    const last = layerChain(from, head.layers, (i) => `head-${head.task}-${i}`);
    add(`head-${head.task}`, headNodeData(head));
    link(last, `head-${head.task}`);
  }
  return autoLayout({ input: structuredClone(spec.input), nodes, edges });
}
